"""RFC 3987 IRIs as a regular expression, for tests that check every IRI kg writes."""

from __future__ import annotations

import re

# RFC 3987 section 2.2, the IRI rule, as a regular expression (IP literals and IPvFuture reduced to
# their character set). rfc3987-syntax's grammar checks the same rule but takes 50 ms an IRI, so
# tests/test_export_validity.py uses it to cross-check this expression instead of judging every IRI.
_UCSCHAR = ("\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
            + "".join(f"\\U{plane:04x}0000-\\U{plane:04x}fffd" for plane in range(1, 14))
            + "\\U000e1000-\\U000efffd")
_IUNRESERVED = f"A-Za-z0-9\\-._~{_UCSCHAR}"
_SUB_DELIMS = "!$&'()*+,;="
_PCT = "%[0-9A-Fa-f]{2}"
_IPCHAR = f"(?:[{_IUNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_IPRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_AUTHORITY = (f"(?:(?:[{_IUNRESERVED}{_SUB_DELIMS}:]|{_PCT})*@)?"
              f"(?:\\[[0-9A-Fa-f:.vV{_SUB_DELIMS}]+\\]|(?:[{_IUNRESERVED}{_SUB_DELIMS}]|{_PCT})*)(?::[0-9]*)?")
_HIER = f"(?://{_AUTHORITY}(?:/{_IPCHAR}*)*|/(?:{_IPCHAR}+(?:/{_IPCHAR}*)*)?|{_IPCHAR}+(?:/{_IPCHAR}*)*|)"
RFC3987_IRI = re.compile(f"[A-Za-z][A-Za-z0-9+\\-.]*:{_HIER}"
                         f"(?:\\?(?:{_IPCHAR}|[{_IPRIVATE}/?])*)?(?:#(?:{_IPCHAR}|[/?])*)?")
