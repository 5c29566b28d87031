t = torch.tensor([1., float('nan'), float('inf'), -float('inf'), 3.])
t.argmax()
t.max()
t.sum()
t.mean()
torch.tensor([float('-inf'), 1e308, 1e-308]).double()
t != t
