torch.norm(p=2)
