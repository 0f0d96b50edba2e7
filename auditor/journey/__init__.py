"""Scripted journeys (DESIGN §11): a journey file, its runner, and the codegen import."""
