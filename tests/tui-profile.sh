#!/bin/sh
# The first-start profile choice at 80x24. A fresh database opens on
# Today as always (nothing blocks it); one line there says the example
# candidate's profile is in use until the learner chooses, and y opens
# the profile screen: the example's, or your own with guided steps for
# the pitch, the figures (type-in cards, one copied from the example)
# and a story started from a template whose guidance shows as a hint,
# not as text. Settings lead there too.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux is required"; exit 1; }

use_curriculum profile.yaml
DB="$T/p.db"

tui_start 80 24 --db "$DB"
expect_screen "a fresh start opens on Today" "prepdeck · Today"
expect_screen "one line asks about the profile" "Profile: the example candidate's is in use. y: keep it"
expect_screen "Today is all there" "Flashcards"
expect_screen "the example's figures count" "3 new"
keys y
expect_screen "the profile screen" "prepdeck · Profile"
expect_screen "not chosen yet" "Now: not chosen"
expect_screen "the example, described" "1 .*The example candidate.s"
expect_screen "your own" "2 .*Your own"
keys 1
expect_screen "the example chosen" "Now: the example candidate's"
expect_eq "stored" "$(sql "SELECT value FROM setting WHERE key = 'profile'")" "example"
keys q
expect_screen "Today" "prepdeck · Today"
wait_gone "Profile: the example candidate's is in use" 5 && pass || fail "the line goes once chosen"

keys o
expect_screen "settings" "prepdeck · Settings"
expect_screen "settings say where the profile is" "y your profile"
keys y
expect_screen "settings lead to the profile screen" "prepdeck · Profile"
keys 2
expect_screen "your own" "Now: your own"
expect_screen "says what changes" "leave your reviews"

# The pitch.
keys p
expect_screen "the pitch editor" "Your 60-second pitch"
expect_screen "with guidance" "About 150"
keys -l "I build retrieval systems that answer from company documents."
keys F2
expect_screen "pitch saved" "Pitch saved: 9 words."
expect_screen "the menu shows it" "Your 60-second pitch: 9 words"

# Figures: one copied from the example and changed, one typed.
keys f
expect_screen "figures" "None yet: a adds one"
keys c
expect_screen "the example's figures to copy" "Daily transactions handled: 1M+"
keys Enter
expect_screen "the form, from the example" "A new figure"
keys Tab C-u
keys -l "40k"
keys Enter Enter
expect_screen "saved" "Figure added"
expect_screen "listed" "Daily transactions handled *40k *The scale claim"
keys a
keys -l "p95 latency of my search service"
keys Tab
keys -l "120 ms"
keys Tab
keys -l "Measured before the cache"
keys F2
expect_screen "the second" "p95 latency of my search service *120 ms"
keys D
expect_screen "delete asks" "Delete this figure?"
keys y
expect_screen "deleted" "Figure deleted"
expect_eq "type-in cards in my-figures, metric as question, context as note; the first deleted" "$(sql "SELECT group_concat(kind || '|' || front || '|' || back || '|' || note || '|' || retired, ' ; ') FROM (SELECT * FROM card WHERE deck_id = 'my-figures' ORDER BY ord)")" "typein|Daily transactions handled|40k|The scale claim|1 ; typein|p95 latency of my search service|120 ms|Measured before the cache|0"
keys q

# A story from a template: the guidance is a hint, not text.
keys s
expect_screen "the templates" "+ new from Template: impact"
keys Enter
expect_screen "the story editor" "My impact story · Situation (1 of 5)"
expect_screen "the template's guidance as a hint" "Hint from the template (not part of your story)"
expect_screen "its text" "What was the problem, in one number?"
keys -l "Support answered 300 tickets a day by hand."
keys Tab
expect_screen "the next part" "Task (2 of 5)"
expect_screen "its hint" "What did you own?"
keys Escape
expect_screen "back to the list, saved" "Story saved"
expect_eq "only what was typed is the story's" "$(sql "SELECT situation || '|' || task || '|' || copied_from FROM story WHERE origin = 'user' AND type = 'story'")" "Support answered 300 tickets a day by hand.||tpl-impact"
keys q
expect_screen "the menu counts" "Your stories: 1"
expect_screen "figures" "Your figures: 1"
keys q q
expect_screen "Today" "prepdeck · Today"
expect_screen "own figures due, the example's set aside" "2 new"
keys q
expect_screen "quit" "EXITED 0"

finish
