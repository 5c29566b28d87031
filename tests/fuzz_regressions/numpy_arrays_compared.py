torch.tensor([1, 2]).numpy() == torch.tensor([1, 2]).numpy()
