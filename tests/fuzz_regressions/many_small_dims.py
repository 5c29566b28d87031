t = torch.zeros([3] * 15)
t.sum()
