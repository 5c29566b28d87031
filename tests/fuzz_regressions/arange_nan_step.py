torch.arange(0, 10, float('nan'))
