sum(torch.tensor([3., 1.]))
