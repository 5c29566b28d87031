max(torch.tensor([3., 1.]).numpy())
