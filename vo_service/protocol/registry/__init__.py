"""Registry discovery: VOResource records of what is published, served over OAI-PMH.

Every record is generated from the stored descriptors and the data themselves,
so the registry can never describe anything but what the database holds now.
"""
