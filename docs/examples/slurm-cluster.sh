#!/usr/bin/env bash
# KINESIS on several machines with SLURM: one learner task and N rollout-worker tasks.
#   sbatch --nodes=5 docs/examples/slurm-cluster.sh          # 1 learner + 4 worker nodes
# Every node needs this repository (a shared filesystem, or the same checkout) and the assets;
# the learner's node writes the run directory.
#SBATCH --job-name=kinesis-cluster
#SBATCH --nodes=5
#SBATCH --ntasks-per-node=1
#SBATCH --cpus-per-task=32
#SBATCH --time=48:00:00
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-$PWD}"

RUN=${RUN:-runs/cluster-$SLURM_JOB_ID}
PORT=${PORT:-25520}
LEARNER=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -1)
LEARNER_IP=$(srun --nodes=1 --ntasks=1 -w "$LEARNER" hostname -i | awk '{print $1}')

# the shared secret: created once, readable by you only, on the shared filesystem
SECRET=${SECRET:-$HOME/.kinesis-cluster.secret}
[[ -f $SECRET ]] || (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$SECRET")

CONFIG=$(mktemp -p "$PWD" kinesis-cluster-XXXX.yaml)
cat > "$CONFIG" <<YAML
host: $LEARNER_IP       # the learner listens on this interface only
port: $PORT
secret_file: $SECRET
stale: use
min_workers: $((SLURM_JOB_NUM_NODES - 1))
YAML

./kinesis info > /dev/null   # build once on the shared checkout before the tasks start

# learner: the PPO update on its node; the environments run on the workers
srun --nodes=1 --ntasks=1 -w "$LEARNER" ./kinesis train --cluster "$CONFIG" --preset paper --out "$RUN" &
# workers: one per remaining node, each binding its own address
srun --nodes=$((SLURM_JOB_NUM_NODES - 1)) --ntasks=$((SLURM_JOB_NUM_NODES - 1)) --exclude="$LEARNER" \
  bash -c "./kinesis worker --join $LEARNER_IP:$PORT --secret-file $SECRET --host \$(hostname -i | awk '{print \$1}')" &
wait
