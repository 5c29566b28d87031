torch.zeros(2**24, 5, 0).tolist()
