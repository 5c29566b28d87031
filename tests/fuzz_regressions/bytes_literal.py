b'a'
