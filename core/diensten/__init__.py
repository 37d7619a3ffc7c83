"""diensten."""
