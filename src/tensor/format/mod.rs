//! PyTorch-exact printing.
