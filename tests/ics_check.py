#!/usr/bin/env python3
"""ics_check.py - a strict RFC 5545 checker for the calendars acctplan writes.

usage: python3 tests/ics_check.py [--uids] [--allow-empty] FILE   ("-": stdin)

Exits 0 and prints "ok: N VTODO, N VEVENT" when FILE is clean, else exits 1
and prints each problem as "FILE:LINE: message" (LINE: the physical line a
content line starts on). With --uids, a clean file prints instead one line per
VTODO/VEVENT, in file order: "UID SEQUENCE STATUS SUMMARY", unescaped, with
SEQUENCE 0 and STATUS "-" when absent and a line break in the summary shown
as \\n; two exports compared this way show an update, not a duplicate.
RFC 5545 wants at least one component in a calendar; --allow-empty accepts
a calendar without any (an export with nothing to export).

Python 3 standard library only. Stricter than the RFC where acctplan's
writer is: no C1 controls, no fold inside a UTF-8 sequence, no blank line.
"""

import datetime
import re
import sys

LINE_MAX = 75
NAME = re.compile(r"[A-Za-z0-9-]+")
PARAM_TEXT = re.compile(r'[^";:,]*')
DATE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
DATE_TIME = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})(Z?)")
INTEGER = re.compile(r"[0-9]+")

STATUSES = {
    "VTODO": {"NEEDS-ACTION", "COMPLETED", "IN-PROCESS", "CANCELLED"},
    "VEVENT": {"TENTATIVE", "CONFIRMED", "CANCELLED"},
}
# Properties a VTODO or VEVENT may hold at most once (RFC 5545 3.6.1, 3.6.2).
ONCE = {"CLASS", "COMPLETED", "CREATED", "DESCRIPTION", "DTSTAMP", "DTSTART", "GEO", "LAST-MODIFIED",
        "LOCATION", "ORGANIZER", "PERCENT-COMPLETE", "PRIORITY", "RECURRENCE-ID", "SEQUENCE", "STATUS",
        "SUMMARY", "TRANSP", "UID", "URL", "DUE", "DTEND", "DURATION"}
# TEXT values: one value each, or (CATEGORIES, RESOURCES) a comma-separated list.
TEXT_ONE = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "UID", "PRODID"}
TEXT_LIST = {"CATEGORIES", "RESOURCES"}
# Date or date-time properties, and those that must be a UTC date-time.
WHEN = {"DTSTART", "DUE", "DTEND", "RECURRENCE-ID"}
UTC = {"DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED"}
# Where each component may sit; None is the top of the file.
PARENTS = {
    "VCALENDAR": {None},
    "VTODO": {"VCALENDAR"}, "VEVENT": {"VCALENDAR"}, "VJOURNAL": {"VCALENDAR"},
    "VFREEBUSY": {"VCALENDAR"}, "VTIMEZONE": {"VCALENDAR"},
    "VALARM": {"VTODO", "VEVENT"}, "STANDARD": {"VTIMEZONE"}, "DAYLIGHT": {"VTIMEZONE"},
}


class Prop:
    def __init__(self, line, name, params, value):
        self.line, self.name, self.params, self.value = line, name, params, value

    def param(self, name):
        values = self.params.get(name)
        return values[0].upper() if values else None


class Component:
    def __init__(self, name, line, parent):
        self.name, self.line, self.parent = name, line, parent
        self.props = []
        self.children = []

    def get(self, name):
        return [p for p in self.props if p.name == name]

    def first(self, name):
        found = self.get(name)
        return found[0] if found else None


class Checker:
    def __init__(self, path):
        self.path = path
        self.problems = []

    def problem(self, line, message):
        self.problems.append((line, message))

    # ---- physical lines: CRLF, length, folds ----

    def physical_lines(self, data):
        """(line number, bytes without CRLF) for each line, problems noted."""
        if not data:
            self.problem(1, "empty file")
            return []
        parts = data.split(b"\n")
        last = parts.pop()   # what follows the last LF: nothing, in a good file
        lines = [(n, part) for n, part in enumerate(parts, 1)]
        for number, part in lines:
            if not part.endswith(b"\r"):
                self.problem(number, "line ends with a bare LF (expected CRLF)")
        if last:
            lines.append((len(parts) + 1, last + b"\r"))
            self.problem(len(parts) + 1, "last line does not end with CRLF")
        out = []
        for number, part in lines:
            body = part[:-1] if part.endswith(b"\r") else part
            if b"\r" in body:
                self.problem(number, "bare CR inside the line")
            if len(body) > LINE_MAX:
                self.problem(number, "line is %d octets long (at most %d)" % (len(body), LINE_MAX))
            out.append((number, body))
        return out

    def logical_lines(self, lines):
        """Unfold: (first line number, bytes) per content line."""
        out = []
        for number, body in lines:
            if body[:1] in (b" ", b"\t"):
                if not out:
                    self.problem(number, "continuation line with no line to continue")
                    continue
                if body[1:2] and 0x80 <= body[1] <= 0xBF:
                    self.problem(number, "fold splits a UTF-8 sequence")
                out[-1][1].extend(body[1:])
            elif not body:
                self.problem(number, "blank line")
            else:
                out.append((number, bytearray(body)))
        return out

    def decode(self, number, raw):
        try:
            text = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as err:
            self.problem(number, "not valid UTF-8 (octet %d of the unfolded line)" % (err.start + 1))
            text = bytes(raw).decode("utf-8", "replace")
        for ch in text:
            code = ord(ch)
            if (code < 0x20 and ch != "\t") or 0x7F <= code <= 0x9F:
                self.problem(number, "control character U+%04X" % code)
                break
        return text

    # ---- one content line: name *(";" param) ":" value ----

    def parse(self, number, text):
        m = NAME.match(text)
        if not m:
            self.problem(number, "content line does not start with a name")
            return None
        name, i, params = m.group().upper(), m.end(), {}
        while i < len(text) and text[i] == ";":
            m = NAME.match(text, i + 1)
            if not m or m.end() >= len(text) or text[m.end()] != "=":
                self.problem(number, "malformed parameter in %s" % name)
                return None
            pname, i, values = m.group().upper(), m.end() + 1, []
            while True:
                if i < len(text) and text[i] == '"':
                    end = text.find('"', i + 1)
                    if end < 0:
                        self.problem(number, "unterminated quoted parameter value in %s" % name)
                        return None
                    values.append(text[i + 1:end])
                    i = end + 1
                else:
                    m = PARAM_TEXT.match(text, i)
                    values.append(m.group())
                    i = m.end()
                if i < len(text) and text[i] == ",":
                    i += 1
                    continue
                break
            params[pname] = values
        if i >= len(text) or text[i] != ":":
            self.problem(number, "no ':' after the name and parameters of %s" % name)
            return None
        return Prop(number, name, params, text[i + 1:])

    # ---- structure: BEGIN/END nesting ----

    def build(self, props):
        roots, stack = [], []
        for p in props:
            parent = stack[-1] if stack else None
            if p.name == "BEGIN":
                comp = p.value.upper()
                allowed = PARENTS.get(comp)
                if not NAME.fullmatch(p.value):
                    self.problem(p.line, "BEGIN with a bad component name '%s'" % p.value)
                if allowed is not None and (parent.name if parent else None) not in allowed:
                    self.problem(p.line, "%s cannot be %s" % (comp, "inside " + parent.name if parent
                                                              else "outside a VCALENDAR"))
                elif allowed is None and parent is None:
                    self.problem(p.line, "%s outside a VCALENDAR" % comp)
                node = Component(comp, p.line, parent)
                (parent.children if parent else roots).append(node)
                stack.append(node)
            elif p.name == "END":
                if not parent:
                    self.problem(p.line, "END:%s without a BEGIN" % p.value)
                elif p.value.upper() != parent.name:
                    self.problem(p.line, "END:%s closes BEGIN:%s of line %d" % (p.value, parent.name,
                                                                                 parent.line))
                    stack.pop()
                else:
                    stack.pop()
            elif parent:
                parent.props.append(p)
            else:
                self.problem(p.line, "property %s outside any component" % p.name)
        for comp in stack:
            self.problem(comp.line, "BEGIN:%s is never closed" % comp.name)
        if not roots:
            self.problem(1, "no VCALENDAR")
        return roots

    # ---- values ----

    def check_date(self, p, value):
        if not valid_value("DATE", value):
            self.problem(p.line, "%s: '%s' is not a date YYYYMMDD" % (p.name, value))
            return False
        return True

    def check_date_time(self, p, value, utc):
        if not valid_value("DATE-TIME", value):
            self.problem(p.line, "%s: '%s' is not a date-time YYYYMMDDTHHMMSS%s" % (p.name, value,
                                                                                  "Z" if utc else "[Z]"))
            return False
        if utc and not value.endswith("Z"):
            self.problem(p.line, "%s: '%s' is not in UTC (YYYYMMDDTHHMMSSZ)" % (p.name, value))
            return False
        if value.endswith("Z") and "TZID" in p.params:
            self.problem(p.line, "%s: a UTC time with a TZID" % p.name)
        return True

    def value_type(self, p):
        """'DATE' or 'DATE-TIME' for a valid DTSTART/DUE/DTEND, else None."""
        kind = p.param("VALUE") or "DATE-TIME"
        if kind == "DATE":
            return kind if self.check_date(p, p.value) else None
        if kind != "DATE-TIME":
            self.problem(p.line, "%s: VALUE=%s (expected DATE or DATE-TIME)" % (p.name, kind))
            return None
        return kind if self.check_date_time(p, p.value, False) else None

    def check_text(self, p):
        i, value, listed = 0, p.value, p.name in TEXT_LIST
        while i < len(value):
            ch = value[i]
            if ch == "\\":
                if i + 1 >= len(value) or value[i + 1] not in "\\;,nN":
                    self.problem(p.line, "%s: backslash not followed by \\, ;, , or n" % p.name)
                i += 2
                continue
            if ch == ";" or (ch == "," and not listed):
                self.problem(p.line, "%s: unescaped '%s'" % (p.name, ch))
            i += 1

    def check_prop(self, comp, p):
        if p.name in TEXT_ONE or p.name in TEXT_LIST:
            self.check_text(p)
        if p.name in UTC:
            if p.param("VALUE") not in (None, "DATE-TIME"):
                self.problem(p.line, "%s: VALUE=%s (must be a UTC date-time)" % (p.name, p.param("VALUE")))
            else:
                self.check_date_time(p, p.value, True)
        elif p.name in WHEN:
            self.value_type(p)
        elif p.name == "SEQUENCE" and (not INTEGER.fullmatch(p.value) or int(p.value) > 2147483647):
            self.problem(p.line, "SEQUENCE: '%s' is not a non-negative integer" % p.value)
        elif p.name == "PRIORITY" and not (INTEGER.fullmatch(p.value) and int(p.value) <= 9):
            self.problem(p.line, "PRIORITY: '%s' is not 0 to 9" % p.value)
        elif p.name == "PERCENT-COMPLETE" and not (INTEGER.fullmatch(p.value) and int(p.value) <= 100):
            self.problem(p.line, "PERCENT-COMPLETE: '%s' is not 0 to 100" % p.value)
        elif p.name == "STATUS" and comp.name in STATUSES and p.value.upper() not in STATUSES[comp.name]:
            self.problem(p.line, "STATUS of a %s: '%s' (expected %s)" % (
                comp.name, p.value, ", ".join(sorted(STATUSES[comp.name]))))

    # ---- components ----

    def exactly_once(self, comp, name):
        found = comp.get(name)
        if len(found) != 1:
            self.problem(found[1].line if found else comp.line, "%s of line %d has %d %s (expected one)" % (
                comp.name, comp.line, len(found), name))
        return found[0] if len(found) == 1 else None

    def check_calendar(self, cal, allow_empty):
        version = self.exactly_once(cal, "VERSION")
        if version and version.value != "2.0":
            self.problem(version.line, "VERSION is '%s' (expected 2.0)" % version.value)
        self.exactly_once(cal, "PRODID")
        for p in cal.get("CALSCALE"):
            if p.value.upper() != "GREGORIAN":
                self.problem(p.line, "CALSCALE is '%s' (expected GREGORIAN)" % p.value)
        for p in cal.props:
            if p.name in TEXT_ONE:
                self.check_text(p)
        if not cal.children and not allow_empty:
            self.problem(cal.line, "VCALENDAR of line %d holds no component" % cal.line)

    def check_item(self, comp):
        """A VTODO or VEVENT."""
        for name in ("UID", "DTSTAMP"):
            self.exactly_once(comp, name)
        for name in sorted(ONCE - {"UID", "DTSTAMP"}):
            found = comp.get(name)
            if len(found) > 1:
                self.problem(found[1].line, "%s of line %d has %s twice" % (comp.name, comp.line, name))
        end_name = "DUE" if comp.name == "VTODO" else "DTEND"
        if comp.first(end_name) and comp.first("DURATION"):
            self.problem(comp.first("DURATION").line, "%s with both %s and DURATION" % (comp.name, end_name))
        self.check_span(comp, comp.first("DTSTART"), comp.first(end_name))

    def check_span(self, comp, start, end):
        """DTSTART and DUE/DTEND: the same value type, the end not before the
        start (a DTEND after it). Compared as text only when both are valid
        and in the same form, which then orders them as time does."""
        if not start or not end:
            return
        kinds = (start.param("VALUE") or "DATE-TIME", end.param("VALUE") or "DATE-TIME")
        if kinds[0] != kinds[1]:
            self.problem(end.line, "%s is a %s but DTSTART a %s" % (end.name, kinds[1], kinds[0]))
            return
        if not valid_value(kinds[0], start.value) or not valid_value(kinds[0], end.value):
            return   # reported by check_prop
        zone = lambda p: (p.value.endswith("Z"), p.params.get("TZID"))
        if zone(start) != zone(end):
            return   # different zones: not comparable without the zone rules
        if end.value < start.value or (end.name == "DTEND" and end.value == start.value):
            self.problem(end.line, "%s %s is not %s DTSTART %s" % (
                end.name, end.value, "after" if end.name == "DTEND" else "on or after", start.value))

    def check_tzids(self, cal):
        known = {p.value for tz in cal.children if tz.name == "VTIMEZONE" for p in tz.get("TZID")}
        for comp in walk(cal):
            for p in comp.props:
                for tzid in p.params.get("TZID", []):
                    if tzid not in known:
                        self.problem(p.line, "%s: TZID '%s' has no VTIMEZONE" % (p.name, tzid))

    def check_uids(self, items):
        seen = {}
        for comp in items:
            uid = comp.first("UID")
            if not uid or comp.first("RECURRENCE-ID"):
                continue
            if uid.value in seen:
                self.problem(uid.line, "UID '%s' already used on line %d" % (uid.value, seen[uid.value]))
            else:
                seen[uid.value] = uid.line

    def run(self, data, allow_empty):
        props = []
        for number, raw in self.logical_lines(self.physical_lines(data)):
            p = self.parse(number, self.decode(number, raw))
            if p:
                props.append(p)
        calendars = self.build(props)
        items = []
        for cal in calendars:
            if cal.name != "VCALENDAR":
                continue
            self.check_calendar(cal, allow_empty)
            self.check_tzids(cal)
            for comp in walk(cal):
                for p in comp.props:
                    self.check_prop(comp, p)
                if comp.name in STATUSES:
                    self.check_item(comp)
                    items.append(comp)
        self.check_uids(items)
        return calendars, items


def valid_value(kind, value):
    """Is value a real DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS[Z],
    seconds up to 60 for a leap second)?"""
    m = (DATE if kind == "DATE" else DATE_TIME).fullmatch(value)
    if not m or not valid_day(m):
        return False
    return kind == "DATE" or (int(m.group(4)) < 24 and int(m.group(5)) < 60 and int(m.group(6)) <= 60)


def valid_day(m):
    try:
        datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return True


def walk(comp):
    for child in comp.children:
        yield child
        yield from walk(child)


def unescape(value):
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def uid_line(comp):
    def text(name, absent):
        p = comp.first(name)
        return unescape(p.value) if p else absent
    summary = text("SUMMARY", "").replace("\n", "\\n")
    return "%s %s %s %s" % (text("UID", ""), text("SEQUENCE", "0"), text("STATUS", "-"), summary)


def main(argv):
    args = [a for a in argv if not a.startswith("--") or a == "-"]
    flags = set(a for a in argv if a.startswith("--") and a != "-")
    if len(args) != 1 or flags - {"--uids", "--allow-empty"}:
        sys.stderr.write("usage: python3 tests/ics_check.py [--uids] [--allow-empty] FILE\n")
        return 2
    path = args[0]
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as err:
        sys.stderr.write("ics_check: cannot read '%s': %s\n" % (path, err.strerror))
        return 2
    checker = Checker(path)
    calendars, items = checker.run(data, "--allow-empty" in flags)
    if checker.problems:
        for line, message in sorted(checker.problems, key=lambda pm: pm[0]):
            print("%s:%d: %s" % (path, line, message))
        return 1
    if "--uids" in flags:
        for comp in items:
            print(uid_line(comp))
        return 0
    counts = {}
    for cal in calendars:
        for comp in walk(cal):
            counts[comp.name] = counts.get(comp.name, 0) + 1
    others = ["%d %s" % (n, name) for name, n in sorted(counts.items()) if name not in STATUSES]
    items = ["%d %s" % (counts.get(name, 0), name) for name in ("VTODO", "VEVENT")]
    print("ok: " + ", ".join(items + others))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
