"""Recognise page boilerplate that is not a claim.

Scraped articles bring along the furniture of the page they came from: "top of page"
anchors, social icons, copyright lines, newsletter prompts, photo credits, cookie notices,
agency sign-offs. :func:`is_boilerplate` flags such sentences so the segmenter can drop them.

The patterns are deliberately anchored (whole line, or start of line) so that real claims that
merely *mention* Twitter, following, subscribers or photos are kept.
"""

from __future__ import annotations

import re

__all__ = ["is_boilerplate"]

_SOCIAL = (
    r"(?:twitter|x|facebook|fb|youtube|instagram|linkedin|whatsapp|pinterest|tiktok|telegram|reddit"
    r"|tumblr|flipboard|threads|mastodon|bluesky|snapchat|vk|email|e-mail|mail|rss|print|copy link|messenger)"
)

_AGENCY = (
    r"(?:reuters|afp|ap|associated press|getty(?: images)?|epa(?:-efe)?|efe|anadolu(?: agency)?|xinhua"
    r"|tass|ria novosti|sputnik|shutterstock|alamy|pa(?: media| images| wire)?|bloomberg|dpa"
    r"|ukrinform|unian|zuma(?: press)?|sipa|abaca|nurphoto|imago|twitter|facebook|instagram|telegram"
    r"|handout|supplied|courtesy)"
)

# Whole-line furniture: the entire sentence is one of these (case-insensitive, trailing punctuation ok).
_WHOLE = re.compile(
    r"""^(?:
        (?:back\ to\ )?top\ of\ (?:the\ )?page | bottom\ of\ (?:the\ )?page | back\ to\ top
      | skip\ (?:to|navigation)(?:\ (?:main\ )?content|\ to\ navigation)?
      | (?:story\ continues\ (?:below|after)\ )?advert(?:isement|isment|isements)?(?:\ feature)?
      | sponsored(?:\ content|\ links?)? | paid\ (?:content|post|partner\ content) | promoted(?:\ stories)?
      | (?:(?:grey|gray|white|black|blue|colou?red)\ )?"""
    + _SOCIAL
    + r"""
        (?:\ (?:icon|logo|link|button|share))?
      | share(?:\ (?:this|the))?(?:\ (?:article|story|page|post|video))?
        (?:\ (?:on|via)\ """
    + _SOCIAL
    + r""")?
      | share\ (?:on|via)\ """
    + _SOCIAL
    + r"""
      | tweet | pin(?:\ it)? | like | comments?(?:\ \(\d+\))? | \d+\ comments? | leave\ a\ (?:comment|reply)
      | (?:continue|keep)\ reading(?:\ (?:the\ )?(?:main\ )?(?:story|article))?
      | scroll\ (?:down\ )?to\ continue(?:\ reading)? | show\ more | load\ more | see\ more | view\ more
      | listen(?:\ to\ (?:this|the)\ (?:article|story))?(?:\ \d+\s*min(?:ute)?s?)? | \d+\s*min(?:ute)?s?\ read
      | (?:getty\ images|shutterstock|alamy)
      | (?:all\ )?rights\ reserved
      | (?:related|more)(?:\ (?:articles?|stories|topics|content|news|coverage|reading|links|videos?))?
      | (?:most\ (?:read|popular|viewed|shared)|trending(?:\ now)?|recommended(?:\ for\ you)?
         |editor'?s\ picks?)
      | (?:menu|search|close|home|login|log\ in|sign\ in|register|subscribe|sign\ up|newsletter|newsletters)
      | (?:privacy\ policy|terms\ (?:of\ (?:use|service)|and\ conditions)|cookie\ (?:policy|settings)
         |about\ us
         |contact\ us|site\ map|sitemap|accessibility|careers|advertise(?:\ with\ us)?)
      | (?:open|close)\ (?:menu|search|navigation)
      | loading(?:\.\.\.|…)?
      | image | photo | video | audio | caption | (?:image|photo)\ gallery
    )[\s.!:…|>»›-]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Furniture that opens the sentence, whatever follows.
_START = re.compile(
    r"""^[\s•·▪*>-]*(?:
        ©
      | \(c\)\s*(?:\d{4}|copyright)
      | copyright\b
      | follow\ us\b
      | follow\ (?:@\w+|[\w&.'’-]+(?:\ [\w&.'’-]+){0,5})
        \ (?:on\ """
    + _SOCIAL
    + r"""\b|for\ (?:more|the\ latest|regular|live)\b|for\ updates\b)
      | follow\ (?:@\w+|[\w&.'’-]+(?:\ [\w&.'’-]+){0,5})\s*:?\s*$
      | like\ us\ on\b | find\ us\ on\b | join\ us\ on\b | connect\ with\ us\b
      | (?:please\ )?subscribe\ (?:to|for|now|today|here|and|or)\b
      | (?:please\ )?sign\ up\ (?:for|to|now|here|today)\b
      | (?:get|receive)\ (?:our|the)\ (?:\w+\ ){0,3}newsletter\b
      | (?:get\ the\ latest|stay\ (?:up\ to\ date|informed)|never\ miss)\b
        .{0,80}\b(?:inbox|newsletter|sign\ up|subscribe)\b
      | enter\ your\ e-?mail
      | share\ (?:this|the)\ (?:article|story|page|post|video)\b
      | share\ (?:on|via)\ """
    + _SOCIAL
    + r"""\b
      | read\ more\b | read\ (?:also|next)\b | also\ read\b | see\ also\b | related\s*:
      | more\ on\ this\ (?:story|topic)\b
      | watch\s*: | watch\ (?:the\ )?(?:video|live)\b
      | listen\s*: | listen\ to\ (?:this|the)\ (?:article|story|podcast)\b
      | click\ (?:here|to|the\ link|below)\b | tap\ (?:here|to)\b
      | (?:image|photo|picture|media|video)\ (?:caption|source|credits?)\b
      | (?:photo(?:graph)?s?|images?|pictures?|files?|pictured|illustration|graphic|video|credits?|source)\s*:
      | (?:photo(?:graph)?s?|images?|pictures?)\ (?:by|courtesy\ of|via)\b(?=[^.]{0,50}\.?$)
      | [(\[]\s*(?:photo(?:graph)?s?|images?|pictures?|files?|credits?|source)\s*:
      | this\ (?:article|story|post)\ (?:was\ )?(?:originally|first)\ (?:published|appeared)\b
      | (?:download|get)\ the\ (?:\w+\ )?app\b
      | (?:published|updated|posted|last\ updated|first\ published)\s*(?:on|at)?\s*:?\s*
        (?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)
        (?=[^.]{0,60}\.?$)
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Furniture anywhere in the sentence.
_ANYWHERE = re.compile(
    r"""(?:
        \ball\ rights\ reserved\b
      | licensed\ under\ (?:a\ |the\ )?creative\ commons\b
      | \bfeel\ free\ to\ republish\b | \brepublish\ (?:this|our)\ (?:article|story|work)\b
      | \bwe\ use\ cookies\b | \b(?:this|our)\ (?:web)?site\ uses\ cookies\b
      | \baccept\ (?:all\ )?cookies\b | \bcookie\ (?:policy|settings|preferences|consent)\b
      | \bby\ (?:continuing\ to\ (?:use|browse)|using)\ (?:this|our)\ (?:web)?site\b
      | \bsubscribe\ to\ our\ (?:\w+\ ){0,2}(?:newsletter|channel|podcast|mailing\ list)\b
      | \bsign\ up\ (?:for|to)\ our\ (?:\w+\ ){0,2}(?:newsletter|mailing\ list|daily\ briefing)\b
      | \bsign\ up\ (?:for|to)\ [^.]{0,40}\bnewsletter\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Agency sign-offs ("Reporting by Jane Doe; Editing by John Roe") and bare name lists ("Editing by John Roe").
_NAME = r"[A-Z][\w.'’-]*(?:\ (?:[A-Z][\w.'’-]*|de|van|von|al|el|bin|da|di))*"
_REPORTING = re.compile(
    r"^(?i:(?:additional\ )?(?:reporting|writing|editing|compiled|produced)\ by)\b"
    r"(?:.*(?i:;|\bediting\ by\b|\bwriting\ by\b)"
    r"|\s*" + _NAME + r"(?:\s*(?:,|and|in|&)\s*" + _NAME + r")*\s*[.;]?$)",
    re.VERBOSE,
)

# A caption that ends with a bracketed credit: "... in Kharkiv [File: Jane Doe/Reuters]",
# "... shared online. (Photo: Bellingcat/Twitter)", "... (AFP)", "... (Jane Doe / AFP via Getty Images)".
_BRACKET_CREDIT = re.compile(
    r"""[(\[]\s*(?:
        (?:photo(?:graph)?s?|images?|pictures?|files?|credits?|source|pictured|video|illustration)\s*:[^()\[\]]*
      | [A-Z][A-Za-z .'’-]*\s*/\s*[A-Z][A-Za-z .'’-]*(?:\s+via\s+[A-Z][A-Za-z .'’-]*)?
      | (?:[A-Z][A-Za-z.'’-]*\ ){0,4}"""
    + _AGENCY
    + r"""(?:\ (?:photo|images?))?
    )\s*[)\]]\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A credit at the end of a caption line without brackets: "... Photo: Jane Doe / AFP",
# "... Jane Doe/Getty Images", "... via Getty Images".
_TRAILING_CREDIT = re.compile(
    r"(?:(?:^|[/|])\s*getty\s+images|\bvia\s+getty\s+images|\s/\s*(?:afp|reuters|ap|epa(?:-efe)?|getty\s+images"
    r"|anadolu(?:\s+agency)?|xinhua|tass|shutterstock))\s*[.)\]]?\s*$",
    re.IGNORECASE,
)

_PHOTO_MID = re.compile(r"\b(?:photo(?:graph)?|image|picture|file)\s*:\s*[^.]{0,80}$", re.IGNORECASE)

_SPACE = re.compile(r"\s+")


_ANYWHERE_HINTS = (
    "rights reserved",
    "creative commons",
    "republish",
    "cookie",
    "by continuing",
    "by using",
    "subscribe",
    "sign up",
)
_PHOTO_HINTS = ("photo", "image", "picture", "file")


def is_boilerplate(sentence: str) -> bool:
    """Whether ``sentence`` is page furniture (navigation, social, credits, legal) rather than a claim."""
    s = _SPACE.sub(" ", sentence).strip()
    if not s:
        return True
    if _WHOLE.match(s) or _START.match(s) or _REPORTING.match(s):
        return True
    low = s.lower()
    # cheap substring tests first: this runs over every sentence of every article
    if any(hint in low for hint in _ANYWHERE_HINTS) and _ANYWHERE.search(s):
        return True
    tail_at = max(0, len(s) - 120)
    if s[-1] in ")]" and _BRACKET_CREDIT.search(s, tail_at):
        return True
    if ("getty" in low or "/" in s[tail_at:]) and _TRAILING_CREDIT.search(s, tail_at):
        return True
    # "Residents queue for water. Photo: Jane Doe / AFP" style caption tails.
    if ":" not in s or not any(hint in low for hint in _PHOTO_HINTS):
        return False
    tail = _PHOTO_MID.search(s)
    return tail is not None and tail.group(0).count(" ") <= 8
