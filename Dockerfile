# The ASEAN Child Online Protection Dashboard in a container: HAProxy + one Streamlit replica per core
# (deploy/serve.sh), or one plain server. Everything runs offline; nothing is fetched at run time.
#
#   docker build -t asean-cop-dashboard .
#   docker run --rm -p 8080:8080 asean-cop-dashboard                       # balancer, replicas = container's cores
#   docker run --rm -p 8080:8080 -e REPLICAS=4 asean-cop-dashboard
#   docker run --rm -p 8501:8501 asean-cop-dashboard \
#       python -m streamlit run app.py --server.address 0.0.0.0 --server.port 8501   # one plain Streamlit server
FROM python:3.11-slim-bookworm

# chromium: kaleido's image export (PNG/PDF) and the browser tests; fonts for Thai, Khmer, Lao, Myanmar and
# Vietnamese in exported images; haproxy: the balancer of deploy/serve.sh
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      chromium fonts-noto-core fonts-dejavu-core haproxy ca-certificates \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 BROWSER_PATH=/usr/bin/chromium \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home dashboard && mkdir -p /app/.cache && chown -R dashboard /app/.cache
USER dashboard

EXPOSE 8080 8501
# inside the container the balancer listens on every interface (the container's network is its boundary);
# the replicas stay on 127.0.0.1
ENV BIND=0.0.0.0 PORT=8080 PYTHON=python
CMD ["deploy/serve.sh"]
