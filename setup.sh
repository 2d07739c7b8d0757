#!/bin/sh
# Installs the Debian packages prepdeck needs (when missing), then builds
# it in place. Safe to run again: it only does what is not done yet.
set -e
cd "$(dirname "$0")"

pkgs="gcc make autoconf automake pkg-config libncurses-dev libsqlite3-dev libyaml-dev libzip-dev libzstd-dev zip tmux python3 python3-icalendar sqlite3 procps"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt Makefile.in ] ||
   [ -n "$(find content -newer content/files.mk \( -name '*.yaml' -o -name '*.yml' -o -type d \) 2>/dev/null | head -n 1)" ] ||
   [ ! -f content/files.mk ]; then
	./autogen.sh >/dev/null 2>&1 || ./autogen.sh
fi
[ -f Makefile ] || ./configure --enable-werror ${CONFIGURE_FLAGS:-} >/dev/null
make -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
echo "setup: built src/prepdeck"
