torch.tensor(torch.zeros(0, 5))
torch.tensor(torch.zeros(2, dtype=torch.float64))
