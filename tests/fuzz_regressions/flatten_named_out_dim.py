torch.tensor([[1, 3]]).flatten(0, 1, 'a')
