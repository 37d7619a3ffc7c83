"""The cost engine: core asks each dienst's plugin for cost lines, then rounds and sums."""
