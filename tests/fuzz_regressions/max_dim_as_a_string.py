torch.tensor([[1, 3]]).max(dim='a', keepdim=True)
