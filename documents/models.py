# Encrypted document storage arrives with its own issue; DESIGN.md describes the model.
