t = torch.arange(12.).view(3, 4)
t.norm()
t.norm(dim=1)
torch.norm(t, p=1)
t.reshape(-1, 6).view(2, 2, 3)
torch.arange(1, 10, 2)
torch.arange(0., 1., 0.25)
x = [1, 2] * 3
x[1:4], (1, 2)[0], "abc"[1]
print(t.dim(), t.ndim, t.numel(), t.dtype)
