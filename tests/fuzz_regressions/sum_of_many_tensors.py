x = sum([torch.tensor(1.)] + [1] * 1000000)
