torch.tensor(5).sum(dim=(0, -1))
