t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)
t.argmax()
values, indices = t.max(dim=0)
print(values, indices)
t.max(dim=1).indices
t.argmin(dim=1, keepdim=True)
t.amax(dim=(0, 1))
t.flatten()
