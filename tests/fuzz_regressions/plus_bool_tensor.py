+torch.tensor([True])
