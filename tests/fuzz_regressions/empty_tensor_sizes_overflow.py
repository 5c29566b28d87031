torch.zeros(2**24, 2**24, 2**24, 0)
