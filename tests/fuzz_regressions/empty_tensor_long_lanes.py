t = torch.zeros(2**24, 2**24, 0)
print(t.std(dim=(0, 1)), t.sum(dim=(0, 1), keepdim=True), t.shape)
