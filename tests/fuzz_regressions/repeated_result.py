(torch.full((4096,), 4096, dtype=torch.float32).flatten(),) * 4096
