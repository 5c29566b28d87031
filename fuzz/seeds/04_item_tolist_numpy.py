t = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], dtype=torch.float32)
t.mean().item()
t.mean(dim=0).tolist()
t.mean(dim=0).numpy()
t.shape
t.size(0)
len(t)
