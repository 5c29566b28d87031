t = torch.arange(4096.)
t.split(4)
