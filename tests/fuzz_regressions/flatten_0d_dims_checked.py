torch.tensor(1.).flatten(5, -7)
