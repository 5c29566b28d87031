a = torch.ones(20000, 2)
torch.einsum('ij,kj->ik', a, a)
