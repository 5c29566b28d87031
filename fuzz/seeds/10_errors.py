t = torch.tensor([[1., 2.], [3., 4.]])
t.sum(dim=2)
