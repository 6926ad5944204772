"""Page furniture: the lines that sit around (or leak into) an article body.

Two kinds of rule, both data:

- ``LINE_PATTERNS`` match a whole line that is never article text, wherever it
  stands (copyright and hyperlink notices, report-a-mistake prompts, form
  labels, captcha instructions, share prompts, "Read also" links, photo credits).
- ``TAIL_PATTERNS`` open a block of furniture at the end of the body (related
  news, tags, latest news): the matching line and everything after it go.

Agency profiles add their own phrases (``AgencyProfile.furniture``).
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

# Each entry is matched case-insensitively against a whole, squashed line.
LINE_PATTERNS: tuple[str, ...] = (
    # copyright / hyperlink notices
    r"^©.{0,200}$",
    r"^\(c\)\s.{0,150}$",
    # "Copyright © 2023 …", "Copyright: Project Syndicate, 2025", "copyright Inexhibit 2019";
    # not a story's "Copyright holders said …"
    r"^copyright\b\s*(:|©|ⓒ|\(c\)|@|\d{4}\b|\S+\s+\d{4}\b).{0,150}$",
    r".{0,80}\ball rights reserved\b.{0,40}$",
    r".{0,40}must be hyperlinked.{0,60}$",
    r".{0,60}hiperlink.{0,80}$",
    r".{0,60}гиперссылка обязательна.{0,40}$",
    r".{0,60}все права защищены.{0,20}$",
    r".{0,60}tous droits réservés.{0,20}$",
    r".{0,60}riproduzione riservata.{0,60}$",
    r".{0,60}mentionné par un hyperlien.{0,60}$",
    # report-a-mistake prompts and their forms
    r".{0,80}\bctrl\s*\+\s*enter\b.{0,80}$",
    r"^report a (mistake|typo|error)\b.{0,100}$",
    r".{0,60}\b(markieren sie die entsprechenden wörter|melden sie den fehler)\b.{0,120}$",
    r".{0,40}\bfields (marked )?with \* are (required|mandatory).{0,10}$",
    r"^\* ?(indicates|denotes) (a )?required field.{0,10}$",
    r"^required fields are marked.{0,20}$",
    r".{0,20}\benter the (letters|characters|code).{0,60}(image|picture|shown).{0,30}$",
    r"^letters are not case.sensitive\.?$",
    r".{0,40}(xanalar|поля).{0,30}(mütləqdir|обязательны).{0,40}$",
    r".{0,20}(şəkildəki hərfləri|символы, изображённые|символы, изображенные).{0,60}$",
    r".{0,40}(böyük-kiçik|регистр букв).{0,60}$",
    r".{0,40}(champs marqués|sensibles à la casse|apparaissent dans l'image).{0,60}$",
    r"^(your )?(name|e-?mail|comment)\s*\*?:?$",
    # share / follow / subscribe prompts
    r"^(share|share this( article| story)?|share on \w+)\s*:?$",
    r"^(paylaş|поделиться|partager|condividi|teilen|compartir|مشاركة)\s*:?$",
    r"^(follow us|subscribe to|join (us|our)|sign up for our)\b.{0,100}$",
    r"^(подписывайтесь|подпишитесь)\b.{0,100}$",
    r"^we use cookies\b.{0,200}$",
    # newsletter and subscription widgets, messenger prompts, print/reprint tools
    r"^(thanks|thank you) for (signing up|subscribing)\b.{0,80}$",
    r"^there was an error processing your (subscription|request)\b.{0,40}$",
    r"^keep an eye on your inbox\b.{0,80}$",
    r"^(order reprints|print article|print this (article|page)|reprints?)\W*$",
    r"^this copy is for your personal, non-commercial use only\b.{0,300}$",
    r"^an error (has occurred|occurred)\b.{0,60}$",
    # A messenger prompt asks the reader to act ("… on WhatsApp: subscribe", "Follow us on
    # Telegram"); a story's "said on his Telegram channel" names a channel and asks nothing.
    r".{0,160}\b(whatsapp|telegram|google news)\b.{0,40}\b(abonn\w*|folg\w*|"
    r"follow|join|subscribe|подпис\w*|abone|takip)\b.{0,160}$",
    # the call before the messenger, in the imperative or with "us"/"our"
    r".{0,120}\b(iscriviti|unisciti|seguici|rejoignez|abonnez|suivez|suscribete|suscríbete|"
    r"unete|únete|siguenos|síguenos|inscreva|siga|abonniere|abonnieren sie|folgen sie|"
    r"подпишитесь|подписывайтесь|присоединяйтесь|follow us|follow our|join us|join our|"
    r"subscribe to our)\b.{0,40}\b(whatsapp|telegram|google news)\b.{0,160}$",
    r"^(folgen sie|folge|folgst du|follow) .{0,40}\b(auf|on) "
    r"(whatsapp|telegram|instagram|x|twitter|google news)\b.{0,160}$",
    r".{0,120}\b(sign(ing)? up|subscrib\w*) (to|for) our\b.{0,40}\bnewsletters?\b.{0,120}$",
    r"^(esta funcionalidad es (sólo|solo) para (suscriptores|abonados)|"
    r"tu suscripción se está usando en otro dispositivo|"
    r"¿quieres añadir otro usuario a tu suscripción)\b.{0,300}$",
    r"^(by signing up|a welcome email is on its way|we encountered an issue signing you up|"
    r"interested in more newsletters)\b.{0,200}$",
    # a newsletter offer speaks to the reader ("to your inbox", "informiert Sie", "…
    # newsletter. Sign up here."); a story about a union's newsletter "sent by email to
    # members", or one that "told members to sign up", does not
    r".{0,300}\bnewsletters?\b.{0,120}(\b(abonn\w*|anmelden|your inbox|informiert sie|"
    r"browse here)\b|([.!?:—–]\s*|\s-\s)(sign(ing)? up|subscribe)\b|"
    r"\b(sign up|subscribe) (here|now|today|for free)\b).{0,300}$",
    r"^(article content|top stories|recommended videos?|advertisement|anzeige|embed|"
    r"hauptinhalt|empfohlener redaktioneller inhalt|story continues below( advertisement)?)\W*$",
    r"^(don'?t miss|subscribe|sorry!?|thank you!?|thanks!?|advertisement|sponsored|"
    r"recommended( for you)?|up next|trending( now)?)\W*$",
    r"^[\w ]{1,20}:\s*https?://\S+$",  # "Listen: http://…", "Download: http://…"
    # blocked embeds and consent placeholders
    r"^(externer inhalt|external content|eingebetteter inhalt|embedded content)\b.{0,60}$",
    r".{0,120}\b(privatsphäre-einstellungen|datenschutz-einstellungen|"
    r"privacy (settings|preferences)|cookie (settings|preferences))\b.{0,220}$",
    r".{0,40}\b(einverstanden, dass mir (der )?externe|zustimmung zu externen|"
    r"to view this content|enable (javascript|cookies) to)\b.{0,300}$",
    r".{0,120}\bexternen? inhalt\b.{0,300}$",
    r"^(ein klick für den datenschutz|link (zum|to) \w+[- ]?(inhalt|content|video|post))\W*$",
    # article ratings and support appeals
    r"^(wie hat ihnen dieser artikel gefallen|how (did you like|useful was) this article|"
    r"rate this article|durchschnittliche bewertung|average rating)\b.{0,60}$",
    # "Unabhängiger Journalismus braucht deine Unterstützung": an appeal to the reader, not
    # a rapporteur's "journalism needs protection"
    r".{0,60}\b(journalism|journalismus|periodismo|journalisme)\b"
    r"(?=.{0,60}\b(your|you|our|deine?|unser\w*|votre|vous|nuestro|tu|(?-i:Sie|Ihre?))\b)"
    r".{0,30}\b(needs?|braucht|support|unterstütz\w*|necesita|besoin)\b.{0,120}$",
    # a photo credit alone on its line: "STR/AFP via Getty Images", "Foto: dpa"
    r"^[\w .'’\-]{0,60}/\s*(afp|ap|reuters|dpa|epa|imago|getty images|picture[- ]alliance|"
    r"shutterstock|istock|anadolu)\b[\w .\-]{0,40}$",
    r"^[\w .'’\-]{0,40}\b(via|/) getty images$",
    # a bare credit under a photo or chart: "Quelle: AFP", "Source: Reuters"
    r"^(source|quelle|fuente|fonte|kaynak|источник|bildquelle|foto|photo)\s*:\s*\S+(\s+\S+){0,3}$",
    # subscription promotions
    r"^get .{0,80}\bdelivered (to|through|straight to)\b.{0,200}$",
    r".{0,120}\bsubscriptions?\b.{0,80}\bfor as little as\b.{0,200}$",
    # a price alone is a story's ("its subscription costs $15.49 a month"); an offer speaks
    r".{0,120}\bsubscriptions?\b(?=.{0,200}\b(your|you|our|get|try|today|now)\b).{0,80}"
    r"\b(per month|a month|/month|per year)\b.{0,200}$",
    # comment moderation notices
    # ("… não serão aprovados pelo moderador"; not "the comments were approved by the council")
    r".{0,40}\b(comments?|comentários?|comentarios?|kommentare?|commentaires?)\b"
    r"(?=.{0,200}\b(não serão|will not be|won'?t be|werden nicht|no serán|ne seront|"
    r"are moderated|will be (reviewed|moderated)|werden moderiert|your|you|ihre?|seu|sua)\b)"
    r".{0,160}\b(moderat\w*|aprovad\w*|approved|freigeschaltet|publicad\w*)\b.{0,80}$",
    # comment-section rules
    # a notice tells the reader what comments must not do; "Comments on the new rules were
    # mixed" reports them
    r"^(comments?|yorumlar|комментарии|kommentare|commentaires|comentarios|şərhlər)\b"
    r"(?=.{0,240}\b(must|should|please|your|our|bitte|unsere\w*|müssen|dürfen|lütfen|\w+m[ae]l[ıi]d[ıi]r|"
    r"doivent|veuillez|votre|vos|deben|por favor|должны|пожалуйста|наши|olmalıdır)\b)"
    r".{0,200}\b(rules|policy|guidelines|kuralları|правила|regeln|règles|normas|qaydaları)\b.{0,40}$",
    r"^(please )?(read|see) our comment(s|ing)? (policy|rules|guidelines)\b.{0,80}$",
    r"^(would you like to comment on this (article|story)|"
    r"sign up \(it'?s quick and free\) or sign in)\b.{0,60}$",
    # read-also links inside the body
    r"^(read also|read more|see also|also read|related)\s*:.{0,200}$",
    r"^related (roundups?|topics?|coverage|guides?|articles?|stories|links?|posts?|reading)"
    r"\s*:.{0,120}$",
    r"^follow @\w{2,30} on (twitter|x|instagram|facebook|threads|bluesky)\b.{0,120}$",
    r".{0,160}\bprices (are )?subject to change\b.{0,200}$",
    r".{0,40}\b(publicado por|posted by|published by|publié par)\s*:.{0,120}"
    r"\b(categoria|categoría|category|catégorie|tags?)\s*:.{0,200}$",
    # an author's bio with an address in brackets: "Jane Roe (jane@example.com) is the editor…"
    r"^[\w .'’\-]{3,50} \(\S+@\S+\.\w{2,}\) is\b.{0,400}$",
    r"^(həmçinin oxuyun|həmçinin bax|oxuyun)\s*:.{0,200}$",
    r"^(читайте также|смотрите также|читайте еще)\s*:?.{0,200}$",
    r"^(lire aussi|voir aussi|à lire aussi)\s*:.{0,200}$",
    r"^(leggi anche|lesen sie auch|lea también|ayrıca okuyun)\s*:?.{0,200}$",
    r"^(czytaj (więcej|też|także)|zobacz (też|także|również)|čtěte (také|též)|lees ook|"
    r"leia (também|mais)|läs (också|mer)|les (også|mer))\b\s*:?.{0,200}$",
    r"^(zum (artikel|beitrag|video)|mehr dazu)\s*:.{0,200}$",
    r"^mehr (zu|zur|zum|über) .{0,80}\b(lesen|finden|sehen) sie (in|im|bei) "
    r"(unserem|unserer)\b.{0,200}$",
    r"^funda olunye udaba lapha\b.{0,200}$",
    r"^(this is a )?breaking (news |new )?(story|news)\W{0,3}(more|updates|details) "
    r"to follow\W*$",
    r"^(auch interessant|das könnte sie auch interessieren|mehr zum thema)\W*$",
    r"^(ähnliche( artikel| beiträge| themen)?|noticias? relacionadas?|artículos? relacionados?|"
    r"articles? (similaires|liés)|notizie correlate|articoli correlati)\s*:?$",
    # credits, source and republication notes, disclaimers
    r"^(dies ist eine (maschinelle|automatische|automatisierte) übersetzung|"
    r"(lest|lesen sie) den original(artikel|beitrag|text)?|read the original (article|story))"
    r"\b.{0,250}$",
    r"^(übersetzung|schlussredaktion|redaktion|faktencheck|mitarbeit|audioversion|"
    r"übersetzung und adaptierung)\s*:\s*[\w .'’\-]{2,60}(\s*(,|und|&)\s*[\w .'’\-]{2,60}){0,8}$",
    r"^aus dem (englischen|französischen|spanischen|italienischen|russischen|\w+en) von "
    r"[\w .'’\-]{2,60}$",
    r"^(mit (informationen|material) (der|von) .{0,200}\b(nachrichtenagenturen|agenturen)\b|"
    r"dieses thema im programm\s*:).{0,250}$",
    r".{0,160}\b(müssen|muss) nicht (der|die) meinung der redaktion\b.{0,120}$",
    r".{0,80}\bviews expressed\b.{0,80}\b(do not|don'?t) (necessarily )?(reflect|represent)\b"
    r".{0,150}$",
    r"^our standards\s*:.{0,80}$",
    r".{0,300}\babgerufen am\s*:?\s*\d{1,2}\.\d{1,2}\.\d{4}\s*\)?\W*$",  # citation hints
    r"^eigene recherchen?\W*$",
    # support, feedback and tip appeals; share-tool notices
    r"^(hat ihnen dieser (artikel|beitrag) gefallen|ihre meinung ist uns wichtig|"
    r"(did you )?(like|enjoy)(ed)? this (article|story)\?\s*(then )?(please )?"
    r"(support|donate|consider))\b.{0,250}$",
    r"^(do you have|have you got|got) a (news )?(story|tip)( to (tell|share))?\W{1,3}"
    r"(e-?mail|contact|get in touch|send|write|tell us)\b.{0,200}$",
    r"^((the )?(link|url) (has been |was )?copied( to (your |the )?clipboard)?|"
    r"(기사 )?url이 복사되었습니다|分享让更多人看到)\W*$",
    r"^this (article|story|page) has been (sent|shared|e-?mailed) to\b.{0,80}$",
    r"^we want to hear from you\b.{0,300}$",
    r".{0,200}\bwe['’]d (like|love) to hear what you think\b.{0,300}$",
    r".{0,120}\bwir freuen uns (über|auf) ihr feedback\b.{0,80}$",
    r"^get (the latest|daily|weekly|our)\b.{0,50}\b(news|headlines|newsletters?|updates)\b"
    r"[\w ,]{0,40}\W*$",
    # bylines and credits that stand alone: a Korean reporter's line, a bare agency, a box label
    r"^[가-힣]{2,4} ?기자( \S+@\S+| 외 \d+명)?$",
    r"^\(?(aa|ap|afp|dpa|reuters|apa|ansa|efe|sda|kna|epd|dha|iha|upi|pa)\)?$",
    r"^(die autorin|der autor|die autoren|die autorinnen|l'auteur|l'autrice|el autor|la autora)"
    r"\W*$",
    r"^dal(la)? nostr[oa] (corrispondente|inviat[oa])\b.{0,60}$",
    r"^(分享|评论|关注|点赞|收藏|转发|カテゴリーをフォローする|おすすめ情報|完了しました)$",
    r".{0,250}\b(read|see|view) our privacy (policy|notice)\W*$",  # a sign-up form's small print
    r"^(read more|mehr lesen|lire la suite|leer más|leia mais|czytaj dalej)\W*$",
    r"^(>{1,2}|►|▶|→)\s*\S.{0,200}$",  # an arrow-led link to another page: ">> Hier finden Sie …"
    # a video or audio teaser ends with its date and running time: "… 21.04.2024 | 3:18 min"
    r".{0,400}\b\d{1,2}\.\d{1,2}\.\d{2,4}\s*\|\s*\d{1,3}:\d{2}\s*min\W*$",
    r"^[\w.'’\-]+( [\w.'’\-]+){0,3}?((?<=[^\W\d_])|\s*[|·•,–-]\s*)\d{1,2} "
    r"(seconds?|minutes?|mins?|hours?|hrs?|days?) ago$",  # "Jo Doe2 hours ago"
    # login walls and comment-form notices
    r"^(log ?in|sign in) or (create|register|sign up)\b.{0,40}\b(account|free)\b.{0,60}$",
    r"^(you must confirm your (public )?display name|please log ?out and then log ?in again)"
    r"\b.{0,120}$",
    r".{0,80}\bwill soon be in your inbox\b.{0,40}$",
    r"^advertisement\b.{0,40}story continues below\W*$",
    r"^sign up (for|to)\b.{0,60}\b(news|newsletters?|deals|updates|alerts|inbox|offers)\b.{0,60}$",
    r"^(lesedauer|reading time|lesezeit)\s*:?\s*\d+\s*(min\w*)\W*$",
    r"^(si continúas leyendo en este dispositivo|si quieres compartir tu cuenta|"
    r"en el caso de no saber quién está usando tu cuenta|"
    r"si decides continuar compartiendo tu cuenta)\b.{0,300}$",
    r"^(اقرأ أيضا|اقرأ أيضاً)\s*:?.{0,200}$",
    # photo credits and captions that are only a credit
    r"^(photo|photos|foto|image|bild|фото|صورة)( credits?)?\s*:\s*(\S+\s*){1,8}$",
    r"^\((quelle|source|fuente|fonte)\s*:.{1,60}\)$",
    r"^(sda|dpa|afp|apa|ap|reuters|kna|epd|sid)(/\w{2,5}){1,3}$",  # "SDA/sep": agency/editor
    r"^\([a-zäöü]{2,5}(\s*/\s*[a-zäöü]{2,5}){0,3}\)$",  # "(dmk)": an editor's initials
    r"^\((ap|afp|reuters|aa) photo\b.{0,100}\)$",
    # filing, contact and coverage lines closing wire and newspaper copy
    r"^(filed under|posted in|abgelegt unter)\s*:.{0,200}$",
    r"^write to .{1,120}\bat \S+@\S+\.\w{2,}(,? and .{1,60}\bat \S+@\S+\.\w{2,})*\.?$",
    r"^(follow|find|see|read|get) .{0,40}\bcoverage\b.{0,120}\bhttps?://\S+\W*$",
    r"^more [\w'’ ]{1,40}:\s*https?://\S+(\s*(and|,)\s*https?://\S+)*\W*$",
    r"^(note: )?we are (temporarily )?moderating (all )?comments\b.{0,150}$",
    r"^our website is the place for the latest\b.{0,400}$",
    r".{0,300}\bplease bookmark \S+ and sign up for our newsletters?\b.{0,150}$",
    # subscription and social prompts
    r"^(\d+|zwei|drei|vier|vierzehn) (wochen|tage|monate) (kostenlos|gratis) (testen|lesen)\W*$",
    r"^(nouveau\s*:\s*)?découvrez nos offres( premium| d'abonnement| numériques)?\s*!?$",
    # "Die WAZ auch bei Social Media – ob WhatsApp, …"; not "Die AfD auf Social Media erreicht …"
    r"^(die|der|das) [\w.\-]{1,30} (auch )?(bei|auf|in) (den )?social media\b"
    r"(\W*$|\s*[–—:-].{0,80}$)",
    r"^à lire aussi\b\s*:?.{0,200}$",
    r".{0,120}\bprivacy policy\s*and terms of service apply\W*$",  # a reCAPTCHA notice
    r"^for more (stories|news|articles) like this\b.{0,80}$",
    r".{0,200}\?\s*(get in touch|contact us|e-?mail us|write to us|tell us)( at| on| via)? "
    r"\S+@\S+\.\w{2,}\W*$",  # a reader call-out: "Seen the storm? Get in touch at …"
)

# A line matching one of these, near the end, opens a block of furniture.
TAIL_PATTERNS: tuple[str, ...] = (
    r"^(related|latest|more|other|top) (news|stories|articles)\s*:?$",
    r"^(more|most) (great |popular |read )?[\w.'’ ]{0,30}(stories|articles|news)\s*:?$",
    r"^(explore further|weiterführende links|weitere links( zum thema)?)\W*$",
    r"^mehr (themen|artikel|nachrichten|news|beiträge) (auf|bei|von) [\w.\- ]{1,30}\W*$",
    r"^(about the author|about the authors|you may also like|you might also like|"
    r"most (read|popular|viewed)( in [\w ]{1,30})?|popular on [\w. ]{1,30}|"
    r"read next)\W*$",
    r"^(tags|keywords|teqlər|теги|etiketler)\s*:.{0,200}$",
    r"^more from (the )?[\w.'’]+( [\w.'’]+){0,2}$",
    r"^(tags|keywords|schlagwörter|etiquetas|temas|mots-clés|etiketler)\s*:?$",
    r"^(enjoying our latest content|want to keep reading)\W*$",
    r"^(schlagwörter|schlagworte|themen) zu diesem (artikel|beitrag)\W*$",
    r"^(digər xəbərlər|son xəbərlər|другие новости|последние новости|actualités connexes)$",
    r"^(أخبار ذات صلة|آخر الأخبار)$",
    # CJK list headings, sometimes after the site's name ("Entermedia 주요뉴스")
    r"^[\w .]{0,20}(관련 ?기사|주요 ?뉴스|많이 본 ?뉴스|인기 ?기사|최신 ?기사|"
    r"関連記事|関連ニュース|おすすめ記事|人気記事|あわせて読みたい|"
    r"相关新闻|相关阅读|相关文章|推荐阅读|延伸阅读|热点新闻)\W*$",
    # paywall notices: what follows them is the subscription offer
    r"^(この記事は(有料)?会員限定|有料会員になると|続きを読むには)",
    r"^(this (article|story|content) is (only )?(available )?(exclusively )?(for|to) "
    r"(paid )?(subscribers|members)|subscribe (now )?to (continue|keep) reading|"
    r"already a subscriber\??$|to continue reading,? (please )?(subscribe|log in|sign in))",
    r"^(dieser artikel ist (nur )?(exklusiv )?für abonnent|jetzt weiterlesen mit\b)",
    r"^il vous reste [\d.,]+\s?% de cet article à lire",
    r"^(cet article est réservé aux abonnés|la suite est réservée aux abonnés|"
    r"este contenido es exclusivo para suscriptores)",
)


@cache
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of all ``patterns``, case-insensitive."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.UNICODE)


_ANYWHERE = re.compile(r"^\.\{0,(\d+)\}")  # a pattern that looks for its words past the start
_FIRST_WORDS = re.compile(r"(?:\\b)?(?:\(([^()]*)\)|([^\\()\[\]{}.?*+|^$]+))")
_LITERAL = re.compile(r"[^\\()\[\]{}.?*+|^$]+")
_MIN_KEY = 3


@cache
def _line_rules(
    patterns: tuple[str, ...],
) -> tuple[re.Pattern[str], tuple[tuple[tuple[str, ...] | None, re.Pattern[str]], ...]]:
    """``patterns`` as one alternation of those anchored at the start, plus the rest.

    A pattern such as ``.{0,160}\\b(whatsapp|telegram)\\b…`` makes the regex
    engine back-track over up to 160 characters of every line. Each such
    pattern is kept apart with the words it must contain ("whatsapp",
    "telegram"), and run only on lines that contain one of them: the same
    result for a fraction of the time.
    """
    anchored: list[str] = []
    anywhere: list[tuple[tuple[str, ...] | None, re.Pattern[str]]] = []
    for pattern in patterns:
        lead = _ANYWHERE.match(pattern)
        if lead is None:
            anchored.append(pattern)
        else:
            rule = re.compile(pattern, re.IGNORECASE | re.UNICODE)
            anywhere.append((_keywords(pattern[lead.end() :]), rule))
    return _compiled(tuple(anchored)), tuple(anywhere)


def _keywords(body: str) -> tuple[str, ...] | None:
    """Case-folded words one of which a line must contain to match ``body``; None if unsure.

    Read from the first word or group of alternatives (after ``\\b``, if
    any); an optional last letter ("newsletters?") is left off; a group with
    nested groups, or a word under three letters, gives None (always run the
    pattern).
    """
    first = _FIRST_WORDS.match(body)
    if not first:
        return None
    if first.group(2) is not None:  # a plain word: its last letter may be optional
        word = first.group(2)
        if body[first.end() : first.end() + 1] in ("?", "*", "{"):
            word = word[:-1]
        return (word.casefold(),) if len(word) >= _MIN_KEY else None
    if body[first.end() : first.end() + 1] in ("?", "*", "{"):
        return None  # the whole group is optional: no word is required
    keys: list[str] = []
    for alternative in first.group(1).split("|"):
        run = _LITERAL.match(alternative)
        if not run:
            return None
        key = run.group()
        if run.end() < len(alternative) and alternative[run.end()] in "?*{":
            key = key[:-1]  # "newsletters?": the "s" may be absent
        if len(key) < _MIN_KEY:
            return None
        keys.append(key.casefold())
    return tuple(keys)


def is_furniture(line: str, extra_phrases: tuple[str, ...] = ()) -> bool:
    """True when a whole line is page furniture, never article text."""
    anchored, anywhere = _line_rules(LINE_PATTERNS)
    if anchored.match(line):
        return True
    low = line.casefold()
    for keys, rule in anywhere:
        if (keys is None or any(k in low for k in keys)) and rule.match(line):
            return True
    return has_phrase(line, extra_phrases)


def has_phrase(line: str, phrases: tuple[str, ...]) -> bool:
    """True when the line contains one of an agency profile's furniture ``phrases``."""
    if not phrases:
        return False
    low = line.casefold()
    return any(phrase.casefold() in low for phrase in phrases)


def matching_pattern(line: str) -> str | None:
    """The first lexicon pattern (line, tail or edge) that matches ``line``, for reports.

    Slow (one regex at a time): meant for explaining a removal, not for cleaning.
    """
    for pattern in (*LINE_PATTERNS, *TAIL_PATTERNS, *EDGE_PATTERNS):
        if re.match(pattern, line, re.IGNORECASE | re.UNICODE):
            return pattern
    return None


def opens_tail(line: str) -> bool:
    """True when a line starts a trailing furniture block (related news, tags)."""
    return bool(_compiled(TAIL_PATTERNS).match(line))


# Offers that speak to the reader (follow us, get it in your inbox): they come in a box,
# often under a heading of its own ("The Morning Wire").
PITCH_PATTERNS: tuple[str, ...] = (
    r"^(follow|like|subscribe|sign up|join|download|get|listen|watch|read|click|tap|share)\b.{0,40}"
    r"\b(twitter|facebook|instagram|youtube|tiktok|telegram|whatsapp|newsletter|newsletters|"
    r"app|podcast|inbox|here|updates|news)\b.{0,120}$",
    # a newsletter pitch by what it brings the reader: "Get the day's top stories from … in
    # your inbox every weekday morning."
    r"^(get|receive|start your day with)\b.{0,120}\b(in|to|into) your inbox\b.{0,80}$",
)
# Calls to action and credits that are furniture when they open or close a body.
EDGE_PATTERNS: tuple[str, ...] = (
    *PITCH_PATTERNS,
    r".{0,80}\b(newsletter|newsletters)\b.{0,120}$",
    # a funder disclosure: "… coverage receives financial support from … foundations. AP is
    # solely responsible for all content."; not "users are solely responsible for the content"
    r".{0,200}\b(receives?|received|gets) (financial |funding )?support\b.{0,200}"
    r"\bsolely responsible for (all|the|this|its) content\b.{0,300}$",
    r"^(have a (news )?tip|got a story|contact (the )?(author|reporter|us))\b.{0,200}$",
    # "Jane Doe contributed to this report.", "Reuters contributed reporting."; not "agencies
    # contributed reporting to the UN inquiry"
    r".{0,250}\b(contributed (to )?this report(ing)?|"
    r"contributed reporting\b(?=\W*$|\s+(from|by|in)\b)|additional reporting by)\b.{0,120}$",
    r"^(reach|follow|contact|email|e-mail) (the )?(reporters?|authors?|writers?|journalists?)\b"
    r".{0,200}$",
    r"^(source|sources|quelle|fuente|kaynak|источник)\s*:.{0,80}$",
    r"^(advertisement|anzeige|publicidad|publicité|реклама|reklam|article content|"
    r"story continues below|continue reading|weiterlesen|lesen sie mehr)\W*$",
    r"^\d+\s*(min|minute|minutes|minuten|minutos|mins)\b.{0,20}(read|lesezeit|de leitura)?\W*$",
    r"^(reading time|lesezeit|tempo de leitura|tiempo de lectura|temps de lecture)\b.{0,30}$",
    r"^(if you (enjoyed|liked|buy)|we (may )?(earn|receive) (a )?commission|"
    r"this (article|post) (may )?contains? affiliate).{0,380}$",
    r"^(get|unlock) (unlimited |full |exclusive |instant )?access to\b.{0,380}$",  # a paywall pitch
    r".{0,60}\b(may earn (a )?(an )?(affiliate )?commission|affiliate links?)\b.{0,200}$",
    r"^(like this story|enjoy(ed)? this (story|article)|"
    r"was this (article|story) helpful)\b.{0,100}$",
    r"^for (more|the latest) (stories|news|articles|updates)( like this)?\b.{0,100}$",
    r"^(fehler gefunden|jetzt melden|mit agenturmaterial)\b.{0,60}$",
    r"^(mit|mit material von|material:?) (dpa|afp|reuters|ap|kna|epd|sid|apa)"
    r"(\s*(,|/|und|&)\s*\w+){0,3}\W*$",
    r".{0,80}\b(news-?app|unsere app|our app)\b.{0,60}\b(android|ios|iphone|app store|"
    r"google play)\b.{0,160}$",
    r"^(write to|email|e-mail|contact|reach) .{0,60}\S+@\S+\.\w{2,}.{0,160}$",
    r"^[\U0001F300-\U0001FAFF\u2600-\u27BF].{0,300}$",  # emoji-led promo lines
    r"^tags?\s*:.{0,200}$",
    r"^(comments?|kommentare?|comentários?|comentarios?|commentaires?|yorumlar)\s*(\(\d+\))?\W*$",
    r"^(this is a )?breaking (news |new )?(story|news)\W{0,3}(more|updates|details) to follow\W*$",
    r"^join (the )?(thought-provoking )?conversations?\b.{0,150}$",
    r"^(tell us what you think|leave a (comment|reply)|kommentar abgeben|"
    r"du musst dich .{0,30} um einen kommentar).{0,80}$",
)

_DATE_WORDS = (
    r"(published|updated|posted|last updated|modified|veröffentlicht|aktualisiert|stand|"
    r"publicado|actualizado|atualizado|publié|mis à jour|pubblicato|aggiornato|"
    r"опубликовано|обновлено|yayınlanma|güncelleme|geplaatst|bijgewerkt)"
)
_CJK_DATE_UNITS = re.compile(r"(?<=[\d０-９])\s*[年月日時分秒]")  # "2025年1月14日 01時28分"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_DATE_CHARS = 6  # "更新", "公開", "配信", "업데이트": a label, not a sentence
_YEAR_OR_TIME = re.compile(
    r"(?<!\d)(19\d\d|20\d\d)(?!\d)|\d{1,2}[:.h]\d{2}\b|\d{1,2}\s*(am|pm)\b", re.I
)
_BYLINE_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
# words that may stand in lower case in a byline: connectors, name particles, roles
_BYLINE_SMALL = frozenset({
    "and", "und", "y", "et", "e", "и", "ve", "von", "van", "de", "da", "di", "del", "della",
    "der", "den", "le", "la", "du", "dos", "das", "bin", "al", "el", "ter", "ten", "zu",
    "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents",
    "editor", "editors", "in", "aus", "en", "from",
})  # fmt: skip
_BYLINE_MAX_LOWER = 3  # lower-case words (besides the small ones) that make a sentence
_BYLINE = re.compile(
    r"^(by|von|por|par|di|door|av|af|od|от|автор|yazan|texto|text|written by|"
    r"publicado por|posted by)\s*:?\s+[\w'’.\-]+(\s+[\w'’.\-]+){0,5}"
    r"(\s*(,|and|und|y|et|e|и|ve|&)\s*[\w'’.\-]+(\s+[\w'’.\-]+){0,4}){0,4}\s*$",
    re.IGNORECASE | re.UNICODE,
)
_TEMPLATE = re.compile(r"\{\{.{0,200}?\}\}|\[(\w+)\b[^\]]{0,200}\].{0,200}\[/\1\]")
_URLISH = re.compile(
    r"^([a-z][A-Za-z0-9_]{1,40}:|true|false|null|undefined|NaN|"  # script values shown as text
    r"\S+@\S+\.\w{2,}|[•·\-–]?\s*e-?mail\s*:?\s*\S+@\S+|@\w{2,30}|"
    r"(https?://)?(www\.)?(twitter|x|facebook|instagram)\.com/[^/\s]+/?|"  # a profile
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?\S*)$",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_SYMBOLS = re.compile(r"^\W+$")  # no letter, digit or underscore: "* * *", "—", "•", "◇"
_RULE = re.compile(r"^[\W_]+$")  # those, and "___"
_ASSET = re.compile(
    r"\.(?:png|jpe?g|gif|webp|avif|svg|ico|js|css|json|xml)(?:[?#]\S*)?$", re.IGNORECASE
)


# A support appeal's button label printed at the end of its paragraph: "… Sind Sie dabei?
# Jetzt unterstützen". Prose does not end in a button after its last sentence.
_APPEAL_BUTTON = re.compile(
    r"[.!?…]\s*(jetzt (unterstützen|spenden|mitglied werden)|support us( now| today)?|"
    r"donate( now| today)?|become a (member|supporter)|soutenez-nous|je soutiens|"
    r"dona ahora|apóyanos|sostienici|steun ons)\W*$",
    re.IGNORECASE,
)


def is_closing_appeal(line: str) -> bool:
    """A support or donation appeal that ends with its button's label (a closing box)."""
    return len(line) <= 1500 and bool(_APPEAL_BUTTON.search(line))


# "(Reporting by Jane Doe in Kyiv; Editing by John Roe)", "With files from AFP": names, places
# and these words; "Reporting by the BBC showed the payments were made" is a sentence.
_CREDIT = re.compile(
    r"^\(?[—–-]?\s*((reporting|writing|editing|edited|compiled|translated|additional reporting)"
    r" by|(with )?(files|reporting|reports|additional reporting) (from|by))\b.{0,300}$",
    re.IGNORECASE,
)
_CREDIT_SMALL = frozenset({
    "by", "and", "in", "from", "with", "for", "of", "the", "at", "via", "reporting", "writing",
    "editing", "edited", "compiled", "translated", "additional", "files", "reports",
})  # fmt: skip


def is_edge_furniture(line: str) -> bool:
    """A call to action, credit or label that is furniture at a body's edge."""
    if len(line) > 400:
        return False
    return bool(_compiled(EDGE_PATTERNS).match(line)) or _is_credit(line)


def is_pitch(line: str) -> bool:
    """An offer to the reader (follow us, a newsletter) that a box of its own holds."""
    return len(line) <= 400 and bool(_compiled(PITCH_PATTERNS).match(line))


def _is_credit(line: str) -> bool:
    """A reporting or editing credit: few lower-case words besides its own vocabulary."""
    return bool(_CREDIT.match(line)) and _names_only(line, _CREDIT_SMALL)


def _names_only(text: str, small: frozenset[str]) -> bool:
    """True when ``text`` reads as names, not a sentence.

    Names are capitalised, so a credit or byline has fewer than three words in
    lower case besides its ``small`` vocabulary (connectors, particles, roles);
    "By Tuesday, the talks had collapsed." has four.
    """
    lower = sum(w[0].islower() and w.casefold() not in small for w in _BYLINE_WORD.findall(text))
    return lower < _BYLINE_MAX_LOWER


def is_junk(line: str, own_url: str | None = None) -> bool:
    """Script values, an e-mail address, handle or timestamp alone, ``{{template}}`` text,
    or a separator drawn in symbols ("* * *", "◇") with no word or number. (A rule of
    underscores, "___", is one too, but the labels keep it inside a story, as a reader sees
    it there: it goes only as the body's first or last line, see ``is_rule``.)

    A web address alone is junk only when it is the page's own (``own_url``,
    printed in a print header) or a file (an image, a script): a link printed
    as its address ("http://amzn.to/2iJF", "www.theater.com" under a press
    release, a list of sources) is text the writer chose to show.
    """
    text = line.strip()
    if _SYMBOLS.match(text):
        return True
    if _ADDRESS.match(text) and not _URLISH.match(text):
        return bool(_ASSET.search(text)) or _same_page(text, own_url)
    return bool(_URLISH.match(text) or _TEMPLATE.search(line))


def is_rule(line: str) -> bool:
    """A separator line ("___", "* * *"): as a body's first or last line it sets nothing apart."""
    return bool(_RULE.match(line.strip()))


def is_address(line: str) -> bool:
    """True when the line is one web address and nothing else."""
    return bool(_ADDRESS.match(line.strip()))


def _same_page(address: str, own_url: str | None) -> bool:
    """True when ``address`` names the page at ``own_url`` (scheme, ``www.``, query aside)."""
    if not own_url:
        return False
    return _page_key(address) == _page_key(own_url)


def _page_key(url: str) -> str:
    """Host and path of a URL, lower-cased, without scheme, ``www.``, query or end slash."""
    url = url.strip().lower()
    parts = urlsplit(url if "://" in url else "//" + url)  # "www.x.com/a" has no scheme
    return parts.netloc.removeprefix("www.") + parts.path.rstrip("/")


def is_date_line(line: str) -> bool:
    """A short line that only says when: "Published 18 November 2019", "UPDATED: Tue., Nov. 19"."""
    if len(line) > 80 or not _YEAR_OR_TIME.search(line):
        return False
    plain = _CJK_DATE_UNITS.sub(" ", line)
    if _CJK.search(plain):  # no spaces between words: count the characters left
        return len(_CJK.findall(plain)) <= _CJK_DATE_CHARS
    words = re.findall(r"[^\W\d_]+", plain)
    sentence = line.rstrip().endswith((".", "!", "?"))
    if re.match(_DATE_WORDS, line, re.IGNORECASE):
        # "Published in 1925, the novel sold millions." is a sentence that opens with the label
        return len(words) <= 8 and not (sentence and len(words) > 4)
    return len(words) <= 4 and not sentence


_DATE_LABEL = re.compile(
    rf"^\W{{0,3}}{_DATE_WORDS}(\s+(am|on|at|um|le|el|em|il|op))?\s*\W{{0,3}}$", re.IGNORECASE
)


def is_date_label(line: str) -> bool:
    """A date's label left without its date ("-Aktualisiert am", "Updated:").

    Pages print the date in a ``<time>`` element the text extraction drops,
    so the label stands alone.
    """
    return len(line) <= 40 and bool(_DATE_LABEL.match(line.strip()))


def is_labelled_date(line: str) -> bool:
    """A date line that says what it dates: "Published 18 November 2019", "Updated: 10:42"."""
    return bool(re.match(_DATE_WORDS, line, re.IGNORECASE)) and is_date_line(line)


def is_byline(line: str) -> bool:
    """ "By Jane Doe and John Roe", "Von: Bill McCarthy" (a short line naming authors).

    Names are capitalised: a line with three or more lower-case words besides
    connectors and roles is a sentence that happens to open with "By" ("By
    Tuesday, the talks had collapsed.", "Par ailleurs, le ministre a démissionné.").
    """
    match = _BYLINE.match(line) if len(line) <= 120 else None
    return match is not None and _names_only(line[match.end(1) :], _BYLINE_SMALL)
