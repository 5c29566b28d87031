torch.ones(2**12, 2**12) @ torch.ones(2**12, 2**12)
