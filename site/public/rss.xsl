<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows /rss.xml as a page in a browser: what the feed is, how to subscribe, and its articles. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat" />
  <xsl:template match="/rss/channel">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title><xsl:value-of select="title" /> · RSS 订阅</title>
        <link rel="stylesheet" href="/feeds.css" />
      </head>
      <body>
        <main>
          <p class="crumbs"><a href="/">首页</a> › RSS 订阅</p>
          <h1><xsl:value-of select="title" /> · RSS 订阅</h1>
          <p class="note">
            这是本站的 RSS 订阅源，列出最新发布的文章。把本页地址复制到 RSS 阅读器（订阅软件）中，就能在有新文章时及时看到。
          </p>
          <p class="address">订阅地址：<code><xsl:value-of select="concat(link, 'rss.xml')" /></code></p>
          <h2>最新文章</h2>
          <ol class="items">
            <xsl:for-each select="item">
              <li>
                <a href="{link}"><xsl:value-of select="title" /></a>
                <xsl:if test="description">
                  <p><xsl:value-of select="description" /></p>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
