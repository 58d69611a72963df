#!/bin/bash
# Installs what the tutorial installed by hand over ssh. Runs once, as root, from cloud-init.
set -euo pipefail
# shellcheck source=/dev/null
. /etc/flightdelay/sparkhost.env

log() {
  echo "flightdelay-setup: $*"
}

install_spark() {
  local archive="spark-${SPARK_VERSION}-bin-hadoop${HADOOP_VERSION}"
  local base="https://archive.apache.org/dist/spark/spark-${SPARK_VERSION}"
  local work expected
  work=$(mktemp -d)
  curl -fsSL --retry 5 -o "${work}/${archive}.tgz" "${base}/${archive}.tgz"
  curl -fsSL --retry 5 -o "${work}/${archive}.tgz.sha512" "${base}/${archive}.tgz.sha512"
  # Apache publishes either sha512sum's format or gpg --print-md's (upper case, in groups).
  expected=$(tr -d ' \t\r\n' < "${work}/${archive}.tgz.sha512" | sed -e 's/.*://' -e 's/spark-.*//' | tr 'A-F' 'a-f')
  if ! [[ "${expected}" =~ ^[0-9a-f]{128}$ ]]; then
    log "no SHA-512 digest in ${archive}.tgz.sha512"
    exit 1
  fi
  if ! echo "${expected}  ${work}/${archive}.tgz" | sha512sum --check --status; then
    log "${archive}.tgz does not match its published SHA-512: not installed"
    exit 1
  fi
  tar -xzf "${work}/${archive}.tgz" -C /opt
  ln -sfn "/opt/${archive}" "${SPARK_HOME}"
  rm -rf "${work}"
  log "Spark ${SPARK_VERSION} in ${SPARK_HOME}"
}

install_python() {
  python3 -m venv /opt/jupyter
  local packages=(findspark)
  if [ -n "${JUPYTER_PORT}" ]; then
    packages+=(jupyterlab)
  fi
  if [ -n "${DATA_BUCKET}" ]; then
    packages+=(awscli)
  fi
  /opt/jupyter/bin/pip install --quiet --disable-pip-version-check "${packages[@]}"
  log "Python packages: ${packages[*]}"
}

move_ssh() {
  if [ -n "${SSH_PORT}" ] && [ "${SSH_PORT}" != 22 ]; then
    printf 'Port %s\n' "${SSH_PORT}" > /etc/ssh/sshd_config.d/flightdelay-port.conf
    systemctl restart ssh || systemctl restart sshd
    log "sshd on port ${SSH_PORT}"
  fi
}

copy_data() {
  install -d -o spark -g spark /home/spark/practice_data
  # write_files made the notebook folder as root; Jupyter writes checkpoints beside the notebook
  install -d -o spark -g spark /home/spark/notebooks
  if [ -n "${DATA_BUCKET}" ]; then
    runuser -u spark -- /opt/jupyter/bin/aws s3 cp --recursive --only-show-errors --region "${DATA_REGION}" \
      --exclude 'results/*' "s3://${DATA_BUCKET}/" /home/spark/practice_data/
    log "copied s3://${DATA_BUCKET}/ to /home/spark/practice_data"
  fi
}

start_jupyter() {
  if [ -z "${JUPYTER_PORT}" ]; then
    return
  fi
  local token host names
  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token || true)
  host=$(curl -fsS -H "X-aws-ec2-metadata-token: ${token}" http://169.254.169.254/latest/meta-data/public-hostname || true)
  names="DNS:$(hostname -f)"
  if [ -n "${host}" ]; then
    names="${names},DNS:${host}"
  fi
  install -d -o spark -g spark -m 0700 /home/spark/.jupyter
  openssl req -x509 -newkey rsa:3072 -nodes -days 825 -subj "/CN=${host:-$(hostname -f)}" \
    -addext "subjectAltName=${names}" \
    -keyout /home/spark/.jupyter/jupyter.key -out /home/spark/.jupyter/jupyter.crt 2>/dev/null
  chown spark:spark /home/spark/.jupyter/jupyter.key /home/spark/.jupyter/jupyter.crt
  chmod 0600 /home/spark/.jupyter/jupyter.key
  systemctl daemon-reload
  systemctl enable --now jupyter.service
  log "Jupyter on https port ${JUPYTER_PORT}"
}

install_spark
install_python
move_ssh
copy_data
start_jupyter
log "done"
