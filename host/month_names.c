/*
 * month_names.c — the month vocabulary.
 *
 * One row per month: every spelling in English, German, French, Spanish,
 * Italian, Portuguese, Dutch, Polish (nominative and genitive), Swedish,
 * Turkish, Russian (nominative and genitive), Japanese, Chinese and Korean,
 * then Czech and Slovak (both cases), Danish, Norwegian, Finnish (with the
 * partitive of dates), Hungarian, Romanian, Greek (both cases), Ukrainian
 * (both cases), Vietnamese, Indonesian and Malay, Hebrew and Arabic (the
 * Egyptian and Gulf names and the Levantine ones), with the abbreviations
 * sites put in selects. Abbreviations that two
 * months share in different languages become ambiguous in the vocabulary
 * and match nothing, which is the safe outcome.
 */
#include "month_names.h"

static const char *const months[12] = {
    "1|January|Jan|Januar|Jänner|Jän|janvier|janv|enero|ene|gennaio|gen|janeiro|januari|"
    "styczeń|stycznia|sty|ocak|oca|январь|января|янв|1月|一月|1월"
    "|leden|ledna|led|január|januára|tammikuu|tammikuuta|tammi|ianuarie|ian|Ιανουάριος|"
    "Ιανουαρίου|Ιαν|січень|січня|січ|Januari|ינואר|يناير|كانون الثاني|tháng 1|"
    "tháng một",
    "2|February|Feb|Februar|Feber|février|févr|fév|febrero|febbraio|fevereiro|fev|februari|"
    "luty|lutego|lut|şubat|şub|февраль|февраля|фев|2月|二月|2월"
    "|únor|února|úno|február|februára|febr|februar|helmikuu|helmikuuta|helmi|februarie|"
    "Φεβρουάριος|Φεβρουαρίου|Φεβ|лютий|лютого|лют|Februari|פברואר|فبراير|شباط|tháng 2|"
    "tháng hai",
    "3|March|Mar|März|Mrz|mars|marzo|março|maart|mrt|marzec|marca|mart|март|марта|мар|"
    "3月|三月|3월"
    "|březen|března|bře|marec|marts|maaliskuu|maaliskuuta|maalis|március|márc|martie|Μάρτιος|"
    "Μαρτίου|березень|березня|бер|Maret|Mac|מרץ|مارس|آذار|tháng 3|tháng ba",
    "4|April|Apr|avril|avr|abril|abr|aprile|kwiecień|kwietnia|kwi|nisan|nis|апрель|апреля|апр|"
    "4月|四月|4월"
    "|duben|dubna|dub|apríl|apríla|huhtikuu|huhtikuuta|huhti|április|ápr|aprilie|Απρίλιος|"
    "Απριλίου|Απρ|квітень|квітня|квіт|кві|אפריל|أبريل|ابريل|نيسان|tháng 4|tháng tư",
    "5|May|Mai|mayo|maggio|mag|maio|mei|maj|maja|mayıs|may|май|мая|5月|五月|5월"
    "|květen|května|kvě|máj|mája|toukokuu|toukokuuta|touko|május|Μάιος|Μαΐου|Μάη|травень|"
    "травня|тра|Mei|מאי|مايو|أيار|ايار|tháng 5|tháng năm",
    "6|June|Jun|Juni|juin|junio|giugno|giu|junho|czerwiec|czerwca|cze|haziran|haz|июнь|июня|"
    "июн|6月|六月|6월"
    "|červen|června|čvn|jún|júna|kesäkuu|kesäkuuta|kesä|június|iunie|iun|Ιούνιος|Ιουνίου|Ιουν|"
    "червень|червня|чер|יוני|يونيو|حزيران|tháng 6|tháng sáu",
    "7|July|Jul|Juli|juillet|juil|julio|luglio|lug|julho|lipiec|lipca|lip|temmuz|tem|июль|"
    "июля|июл|7月|七月|7월"
    "|červenec|července|čvc|júl|júla|heinäkuu|heinäkuuta|heinä|július|iulie|iul|Ιούλιος|"
    "Ιουλίου|Ιουλ|липень|липня|лип|Julai|יולי|يوليو|تموز|tháng 7|tháng bảy",
    "8|August|Aug|août|agosto|ago|augustus|sierpień|sierpnia|sie|augusti|ağustos|ağu|август|"
    "августа|авг|8月|八月|8월"
    "|srpen|srpna|srp|augusta|elokuu|elokuuta|elo|augusztus|Αύγουστος|Αυγούστου|Αυγ|серпень|"
    "серпня|сер|Agustus|Agu|Agt|Ogos|אוגוסט|أغسطس|اغسطس|آب|tháng 8|tháng tám",
    "9|September|Sep|Sept|septembre|septiembre|settembre|set|setembro|wrzesień|września|wrz|"
    "eylül|eyl|сентябрь|сентября|сен|сент|9月|九月|9월"
    "|září|zář|septembra|syyskuu|syyskuuta|syys|szeptember|szept|septembrie|Σεπτέμβριος|"
    "Σεπτεμβρίου|Σεπ|вересень|вересня|вер|ספטמבר|سبتمبر|أيلول|ايلول|tháng 9|tháng chín",
    "10|October|Oct|Oktober|Okt|octobre|octubre|ottobre|ott|outubro|out|oktober|"
    "październik|października|paź|ekim|eki|октябрь|октября|окт|10月|十月|10월"
    "|říjen|října|říj|októbra|lokakuu|lokakuuta|loka|október|octombrie|Οκτώβριος|Οκτωβρίου|Οκτ|"
    "жовтень|жовтня|жов|אוקטובר|أكتوبر|اكتوبر|تشرين الأول|tháng 10|tháng mười",
    "11|November|Nov|novembre|noviembre|novembro|listopad|listopada|lis|kasım|kas|ноябрь|"
    "ноября|ноя|11月|十一月|11월"
    "|listopadu|novembra|marraskuu|marraskuuta|marras|noiembrie|Νοέμβριος|Νοεμβρίου|Νοε|"
    "листопад|листопада|נובמבר|نوفمبر|تشرين الثاني|tháng 11|tháng mười một",
    "12|December|Dec|Dezember|Dez|décembre|déc|diciembre|dic|dicembre|dezembro|"
    "grudzień|grudnia|gru|aralık|ara|декабрь|декабря|дек|12月|十二月|12월"
    "|prosinec|prosince|decembra|joulukuu|joulukuuta|joulu|desember|decembrie|Δεκέμβριος|"
    "Δεκεμβρίου|Δεκ|грудень|грудня|гру|Desember|Disember|Des|דצמבר|ديسمبر|كانون الأول|"
    "tháng 12|tháng mười hai",
};

const FillVocab *month_names_vocab(void)
{
    static FillVocab *vocab;
    if (g_once_init_enter(&vocab)) {
        FillVocab *built = fill_vocab_new();
        for (int m = 0; m < 12; m++)
            fill_vocab_add(built, m + 1, months[m]);
        g_once_init_leave(&vocab, built);
    }
    return vocab;
}
