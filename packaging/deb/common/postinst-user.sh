# Shared by the maintainer scripts (inlined at build time): the "keybuzz" system user.
if ! getent passwd keybuzz >/dev/null; then
    adduser --system --group --home /var/lib/keybuzz --no-create-home --gecos "KeyBuzz agents" keybuzz >/dev/null
fi
install -d -o keybuzz -g keybuzz -m 0750 /var/lib/keybuzz
