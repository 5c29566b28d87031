r'a'
