#!/usr/bin/env bash
# Installs the Minquan 12345 Asterisk configuration and Mandarin prompts on a
# Debian server with Asterisk 20 or 22 built from source.
#
#   sudo ARI_PASSWORD=... AMI_SECRET=... asterisk-config/install.sh [--force]
#
# ARI_PASSWORD and AMI_SECRET must be the values the platform is configured
# with; they replace the placeholders in ari.conf and manager.conf.
# A configuration file that already exists with other content is kept, unless
# --force is given, in which case it is first copied to FILE.bak-TIMESTAMP.
# Prompts are always copied, because asterisk-config/sounds/zh is the source
# of truth for them, recorded ones included.
#
# Environment:
#   DESTDIR          install under this root instead of / (packaging, tests)
#   ASTERISK_ETC     configuration folder (default $DESTDIR/etc/asterisk)
#   ASTERISK_SOUNDS  sounds folder (default $DESTDIR/var/lib/asterisk/sounds)
set -euo pipefail

readonly SOURCE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ETC_DIR="${ASTERISK_ETC:-${DESTDIR:-}/etc/asterisk}"
readonly SOUNDS_DIR="${ASTERISK_SOUNDS:-${DESTDIR:-}/var/lib/asterisk/sounds}"
readonly CONF_FILES=(http.conf ari.conf manager.conf pjsip.conf extensions.conf musiconhold.conf rtp.conf modules.conf)
# Files that contain a secret are readable by Asterisk only.
readonly SECRET_FILES=(ari.conf manager.conf pjsip.conf)
readonly MIN_SECRET_LENGTH=16

force=no
case "${1:-}" in
  --force) force=yes ;;
  "") ;;
  -h | --help)
    sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "error: unknown option $1; usage: install.sh [--force]" >&2
    exit 2
    ;;
esac

check_secret() {
  local name=$1 value=${!1:-}
  if [[ -z "$value" ]]; then
    echo "error: $name is not set; set it to the platform's $name, e.g. $name=\$(openssl rand -hex 24)" >&2
    return 1
  fi
  if ((${#value} < MIN_SECRET_LENGTH)); then
    echo "error: $name is ${#value} characters long; use at least $MIN_SECRET_LENGTH" >&2
    return 1
  fi
  # Asterisk's config parser treats ';' as a comment, and whitespace or
  # quotes would be trimmed or kept verbatim depending on the file.
  if [[ ! "$value" =~ ^[A-Za-z0-9._~+/=-]+$ ]]; then
    echo "error: $name may contain only letters, digits and . _ ~ + / = -" >&2
    return 1
  fi
}

secrets_ok=yes
check_secret ARI_PASSWORD || secrets_ok=no
check_secret AMI_SECRET || secrets_ok=no
[[ $secrets_ok == yes ]] || exit 1

is_secret_file() {
  local file
  for file in "${SECRET_FILES[@]}"; do
    [[ $file == "$1" ]] && return 0
  done
  return 1
}

# Prints the file's content with the platform's secrets filled in.
render() {
  local content
  content="$(<"$SOURCE_DIR/$1")"
  content="${content//CHANGE_ME_ARI_PASSWORD/"$ARI_PASSWORD"}"
  content="${content//CHANGE_ME_AMI_SECRET/"$AMI_SECRET"}"
  printf '%s\n' "$content"
}

install -d -m 0755 "$ETC_DIR"
owner=""
if id asterisk >/dev/null 2>&1; then
  owner=asterisk
fi

staged="$(mktemp)"
trap 'rm -f "$staged"' EXIT
for file in "${CONF_FILES[@]}"; do
  target="$ETC_DIR/$file"
  render "$file" >"$staged"
  if [[ -e "$target" ]] && cmp -s "$staged" "$target"; then
    echo "unchanged  $target"
    continue
  fi
  if [[ -e "$target" ]]; then
    if [[ $force != yes ]]; then
      echo "kept       $target (it differs; rerun with --force to replace it, keeping a backup)"
      continue
    fi
    backup="$target.bak-$(date +%Y%m%d%H%M%S)"
    cp -p "$target" "$backup"
    echo "backed up  $target to $backup"
  fi

  mode=0644
  is_secret_file "$file" && mode=0640
  install -m "$mode" ${owner:+-o "$owner" -g "$owner"} "$staged" "$target"
  echo "installed  $target"
done

install -d -m 0755 "$SOUNDS_DIR/zh"
install -m 0644 "$SOURCE_DIR"/sounds/zh/*.wav "$SOUNDS_DIR/zh/"
echo "installed  $(find "$SOURCE_DIR/sounds/zh" -name '*.wav' | wc -l) prompts into $SOUNDS_DIR/zh"

placeholders="$(grep -n 'CHANGE_ME_' "$ETC_DIR"/*.conf 2>/dev/null || true)"
if [[ -n "$placeholders" ]]; then
  echo
  echo "warning: placeholders left to replace by hand (carrier trunk, agents' phones):"
  sed 's/^/  /' <<<"$placeholders"
fi

cat <<'EOF'

Next:
  asterisk -rx "core reload"              # or: systemctl restart asterisk
  asterisk -rx "ari show apps"            # `hotline` is listed once the platform is connected
  asterisk -rx "pjsip show registrations" # the carrier registration shows Registered
EOF
