torch.tensor([1, 2, 3]).sum(dtype=torch.int32)
torch.tensor([1, 2, 3]).prod(dtype=torch.bool)
torch.tensor([[1], [2]]).sum(1, dtype=torch.bool)
