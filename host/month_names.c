/*
 * month_names.c — the month vocabulary.
 *
 * One row per month: every spelling in English, German, French, Spanish,
 * Italian, Portuguese, Dutch, Polish (nominative and genitive), Swedish,
 * Turkish, Russian (nominative and genitive), Japanese, Chinese and Korean,
 * with the abbreviations sites put in selects. Abbreviations that two
 * months share in different languages become ambiguous in the vocabulary
 * and match nothing, which is the safe outcome.
 */
#include "month_names.h"

static const char *const months[12] = {
    "1|January|Jan|Januar|Jänner|Jän|janvier|janv|enero|ene|gennaio|gen|janeiro|januari|"
    "styczeń|stycznia|sty|ocak|oca|январь|января|янв|1月|一月|1월",
    "2|February|Feb|Februar|Feber|février|févr|fév|febrero|febbraio|fevereiro|fev|februari|"
    "luty|lutego|lut|şubat|şub|февраль|февраля|фев|2月|二月|2월",
    "3|March|Mar|März|Mrz|mars|marzo|março|maart|mrt|marzec|marca|mart|март|марта|мар|"
    "3月|三月|3월",
    "4|April|Apr|avril|avr|abril|abr|aprile|kwiecień|kwietnia|kwi|nisan|nis|апрель|апреля|апр|"
    "4月|四月|4월",
    "5|May|Mai|mayo|maggio|mag|maio|mei|maj|maja|mayıs|may|май|мая|5月|五月|5월",
    "6|June|Jun|Juni|juin|junio|giugno|giu|junho|czerwiec|czerwca|cze|haziran|haz|июнь|июня|"
    "июн|6月|六月|6월",
    "7|July|Jul|Juli|juillet|juil|julio|luglio|lug|julho|lipiec|lipca|lip|temmuz|tem|июль|"
    "июля|июл|7月|七月|7월",
    "8|August|Aug|août|agosto|ago|augustus|sierpień|sierpnia|sie|augusti|ağustos|ağu|август|"
    "августа|авг|8月|八月|8월",
    "9|September|Sep|Sept|septembre|septiembre|settembre|set|setembro|wrzesień|września|wrz|"
    "eylül|eyl|сентябрь|сентября|сен|сент|9月|九月|9월",
    "10|October|Oct|Oktober|Okt|octobre|octubre|ottobre|ott|outubro|out|oktober|"
    "październik|października|paź|ekim|eki|октябрь|октября|окт|10月|十月|10월",
    "11|November|Nov|novembre|noviembre|novembro|listopad|listopada|lis|kasım|kas|ноябрь|"
    "ноября|ноя|11月|十一月|11월",
    "12|December|Dec|Dezember|Dez|décembre|déc|diciembre|dic|dicembre|dezembro|"
    "grudzień|grudnia|gru|aralık|ara|декабрь|декабря|дек|12月|十二月|12월",
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
