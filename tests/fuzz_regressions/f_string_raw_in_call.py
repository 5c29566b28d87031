print(rf'{1}')
