x = torch.cat([torch.ones(2)] * 100000)
x.shape
