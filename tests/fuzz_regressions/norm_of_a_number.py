torch.norm(1)
