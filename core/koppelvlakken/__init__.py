"""Koppelvlakken: the interface specifications of each dienst and their versions.

Plugins declare their specifications (``dienst_koppelvlakken``); a productteam adds
versions and sets sunsets through the API (MO 3.5, AV 14.1); afnemers register
which version each aansluiting uses and can check where a version stands.
"""
