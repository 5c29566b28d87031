min(torch.tensor([3., 1.]))
