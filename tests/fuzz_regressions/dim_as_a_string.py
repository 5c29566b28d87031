torch.tensor([[1, 3]]).sum(dim='a')
