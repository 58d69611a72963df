# Jupyter on TLS with the certificate made at first boot. The password is the jupyter-token of
# the SparkHost's Secret; only its salted hash is here.
c = get_config()  # noqa: F821
c.ServerApp.ip = "0.0.0.0"
c.ServerApp.port = {{jupyterPort}}
c.ServerApp.open_browser = False
c.ServerApp.root_dir = "/home/spark"
c.ServerApp.certfile = "/home/spark/.jupyter/jupyter.crt"
c.ServerApp.keyfile = "/home/spark/.jupyter/jupyter.key"
c.IdentityProvider.token = ""
c.PasswordIdentityProvider.hashed_password = "{{passwordHash}}"
c.PasswordIdentityProvider.password_required = True
